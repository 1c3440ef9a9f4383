import { z } from 'zod';
import { Fen } from './shapes.js';
import { defineEvent } from '../../envelope.js';

export const ApplicationApprovedV1 = defineEvent({
  service: 'incentives',
  name: 'application-approved',
  version: 1,
  aggregateType: 'application',
  description:
    'The office approved the application with an amount (and a prize tier for an award); the budget is reserved.',
  data: z.object({ amountFen: Fen, tier: z.string().optional() }).strict(),
});
