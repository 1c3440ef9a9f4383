import { z } from 'zod';
import { IsoDate } from '../../common.js';
import { defineEvent } from '../../envelope.js';

export const ZoneRectificationRequiredV1 = defineEvent({
  service: 'zones',
  name: 'zone-rectification-required',
  version: 1,
  aggregateType: 'zone',
  description:
    'The acceptance inspection found shortcomings: the zone must rectify by the deadline, then be re-inspected.',
  data: z
    .object({
      on: IsoDate,
      inspection: z.number().int().positive(),
      deadline: IsoDate,
      shortcomings: z.string().min(1).max(4000),
    })
    .strict(),
});
