import { z } from 'zod';
import { IsoDate } from '../../common.js';
import { defineEvent } from '../../envelope.js';

export const KeyProductRecordedV1 = defineEvent({
  service: 'registry',
  name: 'key-product-recorded',
  version: 1,
  aggregateType: 'key-product',
  description:
    'A key product of a key field, and whether it adopts an international or advanced foreign standard (inputs of the adoption-rate target). Recorded again when its adoption changes.',
  data: z
    .object({
      product: z.string().min(1),
      field: z.string().min(1),
      enterprise: z.string().min(1),
      adoptedStandard: z.string().optional(),
      adoptsInternational: z.boolean(),
      /** The date from which this holds (defaults to when it was recorded). */
      since: IsoDate.optional(),
    })
    .strict(),
});
