import { z } from 'zod';
import { Slug } from './shapes.js';
import { defineEvent } from '../../envelope.js';

export const ReviewScoredV1 = defineEvent({
  service: 'incentives',
  name: 'review-scored',
  version: 1,
  aggregateType: 'application',
  description:
    'A reviewer scored the application against the programme criteria (no reviewer of the applicant organisation).',
  data: z
    .object({
      reviewer: Slug,
      organisation: z.string().min(1).max(300),
      scores: z.record(z.string(), z.number().int().min(0).max(100)),
      total: z.number().int().min(0),
      comment: z.string().max(4000).optional(),
    })
    .strict(),
});
