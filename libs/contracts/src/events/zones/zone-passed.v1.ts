import { z } from 'zod';
import { IsoDate } from '../../common.js';
import { defineEvent } from '../../envelope.js';

export const ZonePassedV1 = defineEvent({
  service: 'zones',
  name: 'zone-passed',
  version: 1,
  aggregateType: 'zone',
  description: 'The zone passed acceptance: accredited, demonstrating.',
  data: z
    .object({
      on: IsoDate,
      inspection: z.number().int().positive(),
      certificate: z.string().max(200).optional(),
    })
    .strict(),
});
