import type { ProgrammeDefinition } from '@highland/contracts';
import { type LedgerState, remainingFen } from '../domain/ledger.js';

/** A programme's budget as a finance officer reads it, in fen. */
export function budgetOf(p: ProgrammeDefinition, l: LedgerState | undefined) {
  const applicants = Object.entries(l?.byApplicant ?? {}).filter(([, fen]) => fen > 0);
  return {
    totalFen: p.totalBudgetFen,
    reservedFen: l?.reservedFen ?? 0,
    paidFen: l?.paidFen ?? 0,
    remainingFen: remainingFen(p.totalBudgetFen, l),
    perApplicantCapFen: p.perApplicantCapFen,
    applicants: applicants.length,
    largestApplicantFen: applicants.reduce((m, [, fen]) => Math.max(m, fen), 0),
  };
}
