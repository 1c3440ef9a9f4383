import { Rejection } from '@highland/contracts';

/** One application's money in a programme's ledger. */
export interface LedgerLine {
  applicant: string;
  /** Reserved and not yet paid. */
  reservedFen: number;
  instructedFen: number;
  paidFen: number;
  status: 'reserved' | 'released';
  /** Instalments: reference → amount and paid or not. */
  instructions: Record<
    string,
    { instalment: number; amountFen: number; paid: boolean; financeReference?: string }
  >;
}

/**
 * A programme's budget ledger: every reservation, release, instruction and payment of it is an
 * event on this one aggregate, each published with the ledger's expected last sequence, so two
 * replicas approving at once cannot both spend the last yuan.
 */
export interface LedgerState {
  kind: 'ledger';
  programmeId: string;
  /** Reserved and not paid, over every application. */
  reservedFen: number;
  paidFen: number;
  lines: Record<string, LedgerLine>;
  /** What each applicant holds in this programme: reserved + paid. */
  byApplicant: Record<string, number>;
}

export const committedFen = (l: LedgerState | undefined) => (l ? l.reservedFen + l.paidFen : 0);
export const remainingFen = (budgetFen: number, l: LedgerState | undefined) => budgetFen - committedFen(l);

export interface Limits {
  totalBudgetFen: number;
  perApplicantCapFen: number;
}

/**
 * Whether `amountFen` may be reserved for an application: undefined when it is already reserved
 * (the same approval again), else the remaining budget after it; a refusal names the limit.
 */
export function decideReserve(
  l: LedgerState | undefined,
  limits: Limits,
  applicationId: string,
  applicant: string,
  amountFen: number,
): number | undefined {
  const line = l?.lines[applicationId];
  if (line?.status === 'reserved') {
    if (line.reservedFen + line.paidFen === amountFen) return undefined;
    throw Rejection.conflict(
      `application ${applicationId} already holds ${line.reservedFen + line.paidFen} fen`,
      [{ field: 'body.amountFen', reason: 'a different amount is already reserved' }],
    );
  }
  const remaining = remainingFen(limits.totalBudgetFen, l);
  if (amountFen > remaining)
    throw Rejection.conflict(
      `the budget has ${remaining} fen left, ${amountFen} asked`,
      [{ field: 'body.amountFen', reason: `over the remaining budget (${remaining} fen)` }],
      { remainingFen: remaining },
    );
  const held = l?.byApplicant[applicant] ?? 0;
  if (held + amountFen > limits.perApplicantCapFen)
    throw Rejection.conflict(
      `${applicant} would hold ${held + amountFen} fen, over the cap of ${limits.perApplicantCapFen}`,
      [
        {
          field: 'body.amountFen',
          reason: `over the per-applicant cap (${limits.perApplicantCapFen - held} fen left)`,
        },
      ],
      { capLeftFen: limits.perApplicantCapFen - held },
    );
  return remaining - amountFen;
}
