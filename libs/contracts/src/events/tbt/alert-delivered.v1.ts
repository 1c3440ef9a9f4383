import { z } from 'zod';
import { defineEvent } from '../../envelope.js';

export const AlertDeliveredV1 = defineEvent({
  service: 'tbt',
  name: 'alert-delivered',
  version: 1,
  aggregateType: 'alert',
  description:
    'An alert reached the exporter (signed webhook accepted with 2xx), or was given up after retries (dead-lettered).',
  data: z
    .object({
      channel: z.enum(['webhook']),
      outcome: z.enum(['delivered', 'dead-lettered']),
      attempts: z.number().int().positive(),
      status: z.number().int().optional(),
      error: z.string().optional(),
    })
    .strict(),
});
