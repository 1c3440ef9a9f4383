import { z } from 'zod';
import { Slug } from './shapes.js';
import { defineEvent } from '../../envelope.js';

export const ParticipantRegisteredV1 = defineEvent({
  service: 'incentives',
  name: 'participant-registered',
  version: 1,
  aggregateType: 'participant',
  description:
    'The office registered an enterprise (applicant) or a reviewer and the organisation it belongs to: what its API key acts for.',
  data: z
    .object({
      participantId: Slug,
      role: z.enum(['enterprise', 'reviewer', 'finance']),
      name: z
        .string()
        .min(1)
        .max(300)
        .describe('enterprise name as the registry records it, or the reviewer'),
      organisation: z.string().min(1).max(300).describe('the organisation the participant belongs to'),
    })
    .strict(),
});
