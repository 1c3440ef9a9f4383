import { z } from 'zod';
import { Fen, PositiveFen, Slug } from './shapes.js';
import { defineEvent } from '../../envelope.js';

export const BudgetReleasedV1 = defineEvent({
  service: 'incentives',
  name: 'budget-released',
  version: 1,
  aggregateType: 'ledger',
  description: 'A reservation released back to the budget (rejection, withdrawal, failed approval).',
  data: z
    .object({
      programmeId: Slug,
      applicationId: z.string(),
      amountFen: PositiveFen,
      remainingFen: Fen,
    })
    .strict(),
});
