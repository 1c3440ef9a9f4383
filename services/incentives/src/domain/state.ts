import type {
  Actor,
  ApplicationDraftedV1,
  ApplicationEligibilityCheckedV1,
  BudgetPaidV1,
  BudgetReleasedV1,
  BudgetReservedV1,
  EventData,
  EventEnvelope,
  ItemClaimedV1,
  ParticipantRegisteredV1,
  PaymentInstructedV1,
  PaymentPaidV1,
  ProgrammeDefinition,
  ReviewScoredV1,
} from '@highland/contracts';
import type { ApplicationStatus } from './lifecycle.js';
import type { LedgerLine, LedgerState } from './ledger.js';

export interface ProgrammeState {
  kind: 'programme';
  definition: ProgrammeDefinition;
  definedBy: Actor;
  definedAt: string;
}

export type ParticipantState = { kind: 'participant' } & EventData<typeof ParticipantRegisteredV1>;

export interface HistoryStep {
  status: ApplicationStatus;
  on: string;
  by: Actor;
  reason?: string;
}

export type ApplicationState = { kind: 'application' } & Omit<
  EventData<typeof ApplicationDraftedV1>,
  'outcomes'
> & {
    outcomes: EventData<typeof ApplicationDraftedV1>['outcomes'];
    status: ApplicationStatus;
    claims: string[];
    eligibility?: Omit<EventData<typeof ApplicationEligibilityCheckedV1>, 'outcomes'>;
    round: number;
    reviewers: string[];
    scores: Array<EventData<typeof ReviewScoredV1> & { round: number }>;
    approvedFen?: number;
    tier?: string;
    rejection?: string;
    appeals: number;
    flags: Array<{ item: number; cause: string; detail: string; on: string }>;
    awardedOn?: string;
    paidFen: number;
    payments: Array<EventData<typeof PaymentPaidV1>>;
    history: HistoryStep[];
    draftedAt: string;
  };

export type ClaimState = { kind: 'claim'; held: boolean } & EventData<typeof ItemClaimedV1>;

export type IncentivesState = ProgrammeState | ParticipantState | ApplicationState | ClaimState | LedgerState;

const step = (
  s: ApplicationState,
  status: ApplicationStatus,
  e: EventEnvelope,
  extra: Partial<ApplicationState> = {},
) => ({
  ...s,
  ...extra,
  status,
  history: [
    ...s.history,
    { status, on: e.occurredAt, by: e.actor, ...(e.reason ? { reason: e.reason } : {}) },
  ],
});

function ledgerWith(state: IncentivesState | undefined, programmeId: string): LedgerState {
  return state?.kind === 'ledger'
    ? state
    : { kind: 'ledger', programmeId, reservedFen: 0, paidFen: 0, lines: {}, byApplicant: {} };
}

function withLine(l: LedgerState, id: string, line: LedgerLine, delta: Partial<LedgerState>): LedgerState {
  return { ...l, ...delta, lines: { ...l.lines, [id]: line } };
}

/** Folds one event into its aggregate's state. Pure; the only place state changes. */
export function reduce(state: IncentivesState | undefined, e: EventEnvelope): IncentivesState {
  const d = e.data as Record<string, unknown>;
  const app = state as ApplicationState;
  switch (e.type) {
    case 'incentives.programme-defined':
      return {
        kind: 'programme',
        definition: e.data as ProgrammeDefinition,
        definedBy: e.actor,
        definedAt: e.occurredAt,
      };
    case 'incentives.participant-registered':
      return { kind: 'participant', ...(e.data as EventData<typeof ParticipantRegisteredV1>) };
    case 'incentives.application-drafted': {
      const data = e.data as EventData<typeof ApplicationDraftedV1>;
      return {
        kind: 'application',
        ...data,
        status: 'draft',
        claims: [],
        round: 0,
        reviewers: [],
        scores: [],
        appeals: 0,
        flags: [],
        paidFen: 0,
        payments: [],
        history: [{ status: 'draft', on: e.occurredAt, by: e.actor }],
        draftedAt: e.occurredAt,
      };
    }
    case 'incentives.application-submitted':
      return step(app, 'submitted', e, { claims: d.claims as string[] });
    case 'incentives.application-eligibility-checked': {
      const { outcomes, ...rest } = e.data as EventData<typeof ApplicationEligibilityCheckedV1>;
      return step(app, 'eligibility-checked', e, { outcomes, eligibility: rest });
    }
    case 'incentives.application-under-review':
      return step(app, 'under-review', e, { round: d.round as number, reviewers: d.reviewers as string[] });
    case 'incentives.review-scored':
      return {
        ...app,
        scores: [...app.scores, { ...(e.data as EventData<typeof ReviewScoredV1>), round: app.round }],
      };
    case 'incentives.application-approved':
      return step(app, 'approved', e, {
        approvedFen: d.amountFen as number,
        ...(d.tier ? { tier: d.tier as string } : {}),
      });
    case 'incentives.application-rejected':
      return step(app, 'rejected', e, { rejection: d.reason as string });
    case 'incentives.application-withdrawn':
      return step(app, 'withdrawn', e);
    case 'incentives.application-appealed':
      return step(app, 'appealed', e, { appeals: app.appeals + 1 });
    case 'incentives.application-awarded':
      return step(app, 'awarded', e, { awardedOn: d.noticeOn as string });
    case 'incentives.application-flagged':
      return { ...app, flags: [...app.flags, e.data as ApplicationState['flags'][number]] };
    case 'incentives.payment-paid': {
      const p = e.data as EventData<typeof PaymentPaidV1>;
      const paidFen = app.paidFen + p.amountFen;
      const next = { ...app, paidFen, payments: [...app.payments, p] };
      return paidFen >= (app.approvedFen ?? 0) ? step(next, 'paid', e) : next;
    }
    case 'incentives.item-claimed':
      return { kind: 'claim', ...(e.data as EventData<typeof ItemClaimedV1>), held: true };
    case 'incentives.item-claim-released':
      return { ...(state as ClaimState), held: false };
    case 'incentives.budget-reserved': {
      const r = e.data as EventData<typeof BudgetReservedV1>;
      const l = ledgerWith(state, r.programmeId);
      const prev = l.lines[r.applicationId];
      return withLine(
        l,
        r.applicationId,
        {
          applicant: r.applicant,
          reservedFen: r.amountFen,
          instructedFen: 0,
          paidFen: 0,
          status: 'reserved',
          instructions: prev?.instructions ?? {},
        },
        {
          reservedFen: l.reservedFen + r.amountFen,
          byApplicant: { ...l.byApplicant, [r.applicant]: (l.byApplicant[r.applicant] ?? 0) + r.amountFen },
        },
      );
    }
    case 'incentives.budget-released': {
      const r = e.data as EventData<typeof BudgetReleasedV1>;
      const l = ledgerWith(state, r.programmeId);
      const line = l.lines[r.applicationId]!;
      return withLine(
        l,
        r.applicationId,
        { ...line, reservedFen: line.reservedFen - r.amountFen, status: 'released' },
        {
          reservedFen: l.reservedFen - r.amountFen,
          byApplicant: {
            ...l.byApplicant,
            [line.applicant]: (l.byApplicant[line.applicant] ?? 0) - r.amountFen,
          },
        },
      );
    }
    case 'incentives.payment-instructed': {
      const r = e.data as EventData<typeof PaymentInstructedV1>;
      const l = ledgerWith(state, r.programmeId);
      const line = l.lines[r.applicationId]!;
      return withLine(
        l,
        r.applicationId,
        {
          ...line,
          instructedFen: line.instructedFen + r.amountFen,
          instructions: {
            ...line.instructions,
            [r.instruction]: { instalment: r.instalment, amountFen: r.amountFen, paid: false },
          },
        },
        {},
      );
    }
    case 'incentives.budget-paid': {
      const r = e.data as EventData<typeof BudgetPaidV1>;
      const l = ledgerWith(state, r.programmeId);
      const line = l.lines[r.applicationId]!;
      const ins = line.instructions[r.instruction]!;
      return withLine(
        l,
        r.applicationId,
        {
          ...line,
          reservedFen: line.reservedFen - r.amountFen,
          paidFen: line.paidFen + r.amountFen,
          instructions: {
            ...line.instructions,
            [r.instruction]: { ...ins, paid: true, financeReference: r.financeReference },
          },
        },
        { reservedFen: l.reservedFen - r.amountFen, paidFen: l.paidFen + r.amountFen },
      );
    }
    default:
      // An event type this version does not know yet changes nothing (forward compatibility).
      return state as IncentivesState;
  }
}
