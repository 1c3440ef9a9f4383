import { z } from 'zod';
import { IsoDate } from '../../common.js';
import { PositiveFen } from './shapes.js';
import { defineEvent } from '../../envelope.js';

export const PaymentPaidV1 = defineEvent({
  service: 'incentives',
  name: 'payment-paid',
  version: 1,
  aggregateType: 'application',
  description: 'Finance paid an instalment of the application (with its reference).',
  data: z
    .object({
      instruction: z.string(),
      instalment: z.number().int().min(1),
      amountFen: PositiveFen,
      financeReference: z.string().min(1).max(200),
      paidOn: IsoDate,
    })
    .strict(),
});
