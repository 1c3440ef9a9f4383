import { z } from 'zod';
import { IsoDate } from '../../common.js';
import { defineEvent } from '../../envelope.js';

export const ZoneStandardsAppliedV1 = defineEvent({
  service: 'zones',
  name: 'zone-standards-applied',
  version: 1,
  aggregateType: 'zone',
  description:
    'The set of standards the zone applies (its standards system), by registry code; replaces the previous set.',
  data: z
    .object({
      standards: z.array(z.object({ code: z.string().min(1), title: z.string().optional() }).strict()),
      on: IsoDate,
    })
    .strict(),
});
