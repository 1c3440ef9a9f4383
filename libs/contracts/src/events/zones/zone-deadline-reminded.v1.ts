import { z } from 'zod';
import { IsoDate } from '../../common.js';
import { defineEvent } from '../../envelope.js';

export const ZoneDeadlineRemindedV1 = defineEvent({
  service: 'zones',
  name: 'zone-deadline-reminded',
  version: 1,
  aggregateType: 'zone',
  description:
    'The department in charge was reminded of a deadline of the zone (acceptance at the end of construction, or a rectification), 30 or 7 days before it.',
  data: z
    .object({
      milestone: z.enum(['acceptance', 'rectification']),
      deadline: IsoDate,
      daysBefore: z.union([z.literal(30), z.literal(7)]),
      daysLeft: z.number().int().min(0),
      department: z.string().describe('the department reminded: the one in charge'),
    })
    .strict(),
});
