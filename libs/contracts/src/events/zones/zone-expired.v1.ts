import { z } from 'zod';
import { IsoDate } from '../../common.js';
import { defineEvent } from '../../envelope.js';

export const ZoneExpiredV1 = defineEvent({
  service: 'zones',
  name: 'zone-expired',
  version: 1,
  aggregateType: 'zone',
  description: 'The accreditation of the zone lapsed at the end of its validity.',
  data: z
    .object({
      on: IsoDate,
    })
    .strict(),
});
