import { z } from 'zod';
import { IsoDate } from '../../common.js';
import { defineEvent } from '../../envelope.js';

export const ZoneRevokedV1 = defineEvent({
  service: 'zones',
  name: 'zone-revoked',
  version: 1,
  aggregateType: 'zone',
  description: 'The approving authority revoked the zone (its title withdrawn).',
  data: z
    .object({
      on: IsoDate,
      grounds: z.string().min(1).max(4000),
    })
    .strict(),
});
