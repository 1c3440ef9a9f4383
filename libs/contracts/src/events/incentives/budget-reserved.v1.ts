import { z } from 'zod';
import { Fen, PositiveFen, Slug } from './shapes.js';
import { defineEvent } from '../../envelope.js';

export const BudgetReservedV1 = defineEvent({
  service: 'incentives',
  name: 'budget-reserved',
  version: 1,
  aggregateType: 'ledger',
  description: 'Money of the programme budget reserved for an approved application.',
  data: z
    .object({
      programmeId: Slug,
      applicationId: z.string(),
      applicant: z.string(),
      amountFen: PositiveFen,
      remainingFen: Fen.describe('budget left after this reservation'),
    })
    .strict(),
});
