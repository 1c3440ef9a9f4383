import { z } from 'zod';
import { IsoDate } from '../../common.js';
import { PositiveFen, Slug } from './shapes.js';
import { defineEvent } from '../../envelope.js';

export const BudgetPaidV1 = defineEvent({
  service: 'incentives',
  name: 'budget-paid',
  version: 1,
  aggregateType: 'ledger',
  description: 'An instructed instalment was paid: the money left the programme budget.',
  data: z
    .object({
      programmeId: Slug,
      applicationId: z.string(),
      instruction: z.string(),
      amountFen: PositiveFen,
      financeReference: z.string().min(1).max(200),
      paidOn: IsoDate,
    })
    .strict(),
});
