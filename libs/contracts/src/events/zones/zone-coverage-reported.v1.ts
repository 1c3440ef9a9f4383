import { z } from 'zod';

import { defineEvent } from '../../envelope.js';

export const ZoneCoverageReportedV1 = defineEvent({
  service: 'zones',
  name: 'zone-coverage-reported',
  version: 1,
  aggregateType: 'zone',
  description: 'Coverage figures of the zone for one period (a year, half-year or quarter).',
  data: z
    .object({
      period: z
        .string()
        .regex(/^\d{4}(-(H[12]|Q[1-4]))?$/)
        .describe('"2026", "2026-H1" or "2026-Q3"'),
      areaMu: z.number().min(0),
      households: z.number().int().min(0),
      enterprises: z.number().int().min(0),
      outputTenThousandYuan: z.number().min(0).describe('output value, in 10,000 yuan (万元)'),
      standardCoveragePercent: z.number().min(0).max(100).optional(),
    })
    .strict(),
});
