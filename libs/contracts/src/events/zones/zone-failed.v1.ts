import { z } from 'zod';
import { IsoDate } from '../../common.js';
import { defineEvent } from '../../envelope.js';

export const ZoneFailedV1 = defineEvent({
  service: 'zones',
  name: 'zone-failed',
  version: 1,
  aggregateType: 'zone',
  description: 'The zone failed acceptance.',
  data: z
    .object({
      on: IsoDate,
      inspection: z.number().int().positive(),
      grounds: z.string().min(1).max(4000),
    })
    .strict(),
});
