import { z } from 'zod';
import { IsoDate } from '../../common.js';
import { defineEvent } from '../../envelope.js';

export const ZoneConstructionStartedV1 = defineEvent({
  service: 'zones',
  name: 'zone-construction-started',
  version: 1,
  aggregateType: 'zone',
  description: 'Construction of the zone started under its task book.',
  data: z
    .object({
      on: IsoDate,
      taskBook: z.string().max(200).optional().describe('reference of the task book (任务书)'),
    })
    .strict(),
});
