import { z } from 'zod';
import { IsoDate } from '../../common.js';
import { defineEvent } from '../../envelope.js';

export const ApplicationFlaggedV1 = defineEvent({
  service: 'incentives',
  name: 'application-flagged',
  version: 1,
  aggregateType: 'application',
  description:
    'A fact an approved application stands on changed (a standard withdrawn, a zone revoked): the office must look at it.',
  data: z
    .object({
      item: z.number().int().min(0),
      cause: z.enum(['standard-withdrawn', 'zone-revoked', 'seat-ended']),
      detail: z.string().max(500),
      on: IsoDate,
    })
    .strict(),
});
