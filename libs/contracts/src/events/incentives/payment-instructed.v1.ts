import { z } from 'zod';
import { PositiveFen, Slug } from './shapes.js';
import { defineEvent } from '../../envelope.js';

export const PaymentInstructedV1 = defineEvent({
  service: 'incentives',
  name: 'payment-instructed',
  version: 1,
  aggregateType: 'ledger',
  description: 'A payment instruction for finance: one instalment of a reservation, issued once.',
  data: z
    .object({
      programmeId: Slug,
      applicationId: z.string(),
      instruction: z.string().describe('the reference finance pays against: <application>#<instalment>'),
      instalment: z.number().int().min(1),
      payee: z.string(),
      amountFen: PositiveFen,
    })
    .strict(),
});
