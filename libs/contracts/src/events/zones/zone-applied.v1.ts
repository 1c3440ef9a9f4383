import { z } from 'zod';
import { IsoDate } from '../../common.js';
import { ZoneLevel } from './shapes.js';
import { defineEvent } from '../../envelope.js';

export const ZoneAppliedV1 = defineEvent({
  service: 'zones',
  name: 'zone-applied',
  version: 1,
  aggregateType: 'zone',
  description: 'The zone applied for approval to an authority.',
  data: z
    .object({
      authority: z.string().min(1).max(200).describe('e.g. "SAC", "Chongqing market supervision bureau"'),
      level: ZoneLevel,
      appliedOn: IsoDate,
    })
    .strict(),
});
