import { Rejection } from '@highland/contracts';

export const APPLICATION_STATUSES = [
  'draft',
  'submitted',
  'eligibility-checked',
  'under-review',
  'approved',
  'rejected',
  'appealed',
  'awarded',
  'paid',
  'withdrawn',
] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

/** The only moves an application makes: anything else is a 409 naming where it is and where it may go. */
export const NEXT: Readonly<Record<ApplicationStatus, readonly ApplicationStatus[]>> = {
  draft: ['submitted', 'withdrawn'],
  submitted: ['eligibility-checked', 'withdrawn'],
  'eligibility-checked': ['under-review', 'rejected', 'withdrawn'],
  'under-review': ['approved', 'rejected', 'withdrawn'],
  approved: ['awarded', 'withdrawn'],
  // one appeal: an appealed application that is rejected again cannot appeal again (see `appeal`)
  rejected: ['appealed'],
  appealed: ['under-review', 'rejected'],
  awarded: ['paid'],
  paid: [],
  withdrawn: [],
};

export function canMove(from: ApplicationStatus, to: ApplicationStatus): boolean {
  return NEXT[from].includes(to);
}

/** Throws the 409 of an invalid move. */
export function assertMove(from: ApplicationStatus, to: ApplicationStatus, field = 'status'): void {
  if (canMove(from, to)) return;
  throw Rejection.conflict(
    `an application in state '${from}' cannot become '${to}' (allowed next: ${NEXT[from].join(', ') || 'none'})`,
    [{ field, reason: `not allowed from '${from}'` }],
    { currentState: from, allowedNext: NEXT[from] },
  );
}
