import { z } from 'zod';
import { IsoDate } from '../../common.js';
import { defineEvent } from '../../envelope.js';

export const PlanDefinedV1 = defineEvent({
  service: 'reporting',
  name: 'plan-defined',
  version: 1,
  aggregateType: 'plan',
  description: 'The office defined (or redefined) a plan: its period and indicators, as data.',
  data: z
    .object({
      planId: z.string(),
      period: z.object({ start: IsoDate, end: IsoDate }).strict(),
      /** The whole plan definition, validated by the reporting service's plan schema. */
      definition: z.record(z.string(), z.unknown()),
    })
    .strict(),
});
