import { PaymentPaidV1 } from '@highland/contracts';
import { applicationOf } from './application-lifecycle.js';
import type { IncentivesCommand } from './command.js';

/** The application's side of a paid instalment (after the ledger's); the same instruction again changes nothing. */
export function recordPaymentPaid(
  id: string,
  paid: {
    instruction: string;
    instalment: number;
    amountFen: number;
    financeReference: string;
    paidOn: string;
  },
): IncentivesCommand {
  return {
    aggregateId: id,
    name: 'record payment',
    decide: (current) => {
      const a = applicationOf(id, current);
      if (a.payments.some((p) => p.instruction === paid.instruction)) return undefined;
      return { contract: PaymentPaidV1, data: paid };
    },
  };
}
