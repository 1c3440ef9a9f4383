import { z } from 'zod';
import { IsoDate } from '../../common.js';
import { defineEvent } from '../../envelope.js';

export const ZoneMidtermReviewedV1 = defineEvent({
  service: 'zones',
  name: 'zone-midterm-reviewed',
  version: 1,
  aggregateType: 'zone',
  description: 'A mid-term evaluation of the zone was held.',
  data: z
    .object({
      on: IsoDate,
      assessment: z.enum(['on-track', 'concerns']),
      findings: z.string().max(4000),
    })
    .strict(),
});
