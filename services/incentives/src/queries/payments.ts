import type { IncentivesView } from '../view/incentives-view.js';

export interface PaymentInstructionRow {
  reference: string;
  programmeId: string;
  applicationId: string;
  payee: string;
  instalment: number;
  amountFen: number;
  paid: boolean;
  financeReference?: string;
}

/** Every payment instruction of the ledgers, in reference order. */
export function paymentInstructions(
  view: IncentivesView,
  programme?: string,
  unpaidOnly = false,
): PaymentInstructionRow[] {
  const rows: PaymentInstructionRow[] = [];
  for (const p of view.allProgrammes()) {
    if (programme && p.definition.id !== programme) continue;
    const ledger = view.ledger(p.definition.id);
    for (const [applicationId, line] of Object.entries(ledger?.lines ?? {}))
      for (const [reference, ins] of Object.entries(line.instructions)) {
        if (unpaidOnly && ins.paid) continue;
        rows.push({
          reference,
          programmeId: p.definition.id,
          applicationId,
          payee: line.applicant,
          instalment: ins.instalment,
          amountFen: ins.amountFen,
          paid: ins.paid,
          ...(ins.financeReference ? { financeReference: ins.financeReference } : {}),
        });
      }
  }
  return rows.sort((a, b) => a.reference.localeCompare(b.reference));
}
