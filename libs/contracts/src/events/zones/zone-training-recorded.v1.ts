import { z } from 'zod';
import { IsoDate } from '../../common.js';
import { defineEvent } from '../../envelope.js';

export const ZoneTrainingRecordedV1 = defineEvent({
  service: 'zones',
  name: 'zone-training-recorded',
  version: 1,
  aggregateType: 'zone',
  description: 'A training session was held in the zone.',
  data: z
    .object({
      on: IsoDate,
      topic: z.string().min(1).max(300),
      attendees: z.number().int().positive(),
    })
    .strict(),
});
