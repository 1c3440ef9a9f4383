import { z } from 'zod';
import { IsoDate } from '../../common.js';
import { defineEvent } from '../../envelope.js';

export const CommitteeSeatGrantedV1 = defineEvent({
  service: 'registry',
  name: 'committee-seat-granted',
  version: 1,
  aggregateType: 'committee-seat',
  description:
    'An enterprise (member unit) or an engineer (member) took a seat on a national TC/SC/WG or an ISO committee.',
  data: z
    .object({
      committee: z.string().describe('e.g. "SAC/TC 184/SC 5" or "ISO/TC 74"'),
      committeeLevel: z.enum(['national', 'international']),
      memberKind: z.enum(['enterprise', 'engineer']),
      holder: z.string().min(1),
      organisation: z.string().optional(),
      role: z.enum(['member', 'observer', 'secretariat', 'vice-chair', 'chair', 'convenor', 'expert']),
      from: IsoDate,
      to: IsoDate.optional(),
    })
    .strict(),
});
