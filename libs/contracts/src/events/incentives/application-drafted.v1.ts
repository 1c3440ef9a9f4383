import { z } from 'zod';
import { CitedItem, Fen, ItemOutcome, Slug } from './shapes.js';
import { defineEvent } from '../../envelope.js';

export const ApplicationDraftedV1 = defineEvent({
  service: 'incentives',
  name: 'application-drafted',
  version: 1,
  aggregateType: 'application',
  description: 'An enterprise drafted an application to a programme, citing registry and zones items.',
  data: z
    .object({
      programmeId: Slug,
      applicant: z.string().min(1).max(300),
      participantId: Slug,
      items: z.array(CitedItem).min(1),
      outcomes: z.array(ItemOutcome),
      requestedFen: Fen,
    })
    .strict(),
});
