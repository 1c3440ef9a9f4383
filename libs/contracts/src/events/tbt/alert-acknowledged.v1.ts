import { z } from 'zod';
import { defineEvent } from '../../envelope.js';

export const AlertAcknowledgedV1 = defineEvent({
  service: 'tbt',
  name: 'alert-acknowledged',
  version: 1,
  aggregateType: 'alert',
  description:
    'The exporter acknowledged an alert: impact, intended action, and whether it proposes a specific trade concern to the district office.',
  data: z
    .object({
      impact: z.enum(['none', 'low', 'medium', 'high']),
      action: z.enum(['comment-via-enquiry-point', 'adapt-product', 'ignore']),
      note: z.string().max(4000).optional(),
      tradeConcernCandidate: z.boolean(),
    })
    .strict(),
});
