import {
  type AuthenticatedRequest,
  callerOf,
  ForbiddenProblem,
  hasScope,
  NotFoundProblem,
} from '@highland/service-kit';
import type { ApplicationState, ParticipantState } from '../domain/state.js';
import type { IncentivesView } from '../view/incentives-view.js';

/** The scopes of the service: who may do what. */
export const SCOPES = {
  programmes: 'incentives:programmes',
  apply: 'incentives:apply',
  review: 'incentives:review',
  payments: 'incentives:payments',
  read: 'incentives:read',
} as const;

/** Key departments of participants: `ent-<id>`, `rev-<id>`, `fin-<id>` (the office issues them). */
export const PARTICIPANT_PREFIX = { enterprise: 'ent-', reviewer: 'rev-', finance: 'fin-' } as const;

export type Caller =
  | { kind: 'office' }
  | { kind: 'finance' }
  | { kind: 'enterprise'; participant: ParticipantState }
  | { kind: 'reviewer'; participant: ParticipantState }
  | { kind: 'other' };

/** Who calls: the office (programmes scope), finance (payments), or the participant its key acts for. */
export function callerKind(req: AuthenticatedRequest, view: IncentivesView): Caller {
  const { record } = callerOf(req);
  if (hasScope(record, SCOPES.programmes)) return { kind: 'office' };
  for (const role of ['enterprise', 'reviewer'] as const) {
    const prefix = PARTICIPANT_PREFIX[role];
    if (record.department.startsWith(prefix)) {
      const participant = view.participant(record.department.slice(prefix.length));
      if (participant?.role === role) return { kind: role, participant };
    }
  }
  if (hasScope(record, SCOPES.payments)) return { kind: 'finance' };
  return { kind: 'other' };
}

/** The enterprise a key acts for; any other caller is refused (only enterprises apply). */
export function enterpriseOf(req: AuthenticatedRequest, view: IncentivesView): ParticipantState {
  const caller = callerKind(req, view);
  if (caller.kind !== 'enterprise')
    throw new ForbiddenProblem(
      'only an enterprise applies: its key is issued by the office (POST /participants)',
    );
  return caller.participant;
}

export function reviewerOf(req: AuthenticatedRequest, view: IncentivesView): ParticipantState {
  const caller = callerKind(req, view);
  if (caller.kind !== 'reviewer') throw new ForbiddenProblem('only a registered reviewer scores');
  return caller.participant;
}

/**
 * Whether a caller may see an application: the office and finance see all; an enterprise only its
 * own; a reviewer only those assigned to it. Anything else answers 404, so ids cannot be probed.
 */
export function canSee(caller: Caller, a: ApplicationState): boolean {
  switch (caller.kind) {
    case 'office':
    case 'finance':
      return true;
    case 'enterprise':
      return a.participantId === caller.participant.participantId;
    case 'reviewer':
      return a.reviewers.includes(caller.participant.participantId);
    default:
      return false;
  }
}

export function visibleApplication(
  req: AuthenticatedRequest,
  view: IncentivesView,
  id: string,
): ApplicationState {
  const a = view.application(id);
  if (!a || !canSee(callerKind(req, view), a)) throw new NotFoundProblem(`no application ${id}`);
  return a;
}

/**
 * An enterprise's own application (to edit it); a missing one or another's answers 404 — before
 * any question of role, so ids cannot be probed — and any caller but an enterprise is then 403.
 */
export function ownApplication(
  req: AuthenticatedRequest,
  view: IncentivesView,
  id: string,
): ApplicationState {
  const a = view.application(id);
  if (!a) throw new NotFoundProblem(`no application ${id}`);
  const me = enterpriseOf(req, view);
  if (a.participantId !== me.participantId) throw new NotFoundProblem(`no application ${id}`);
  return a;
}
