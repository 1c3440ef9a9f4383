import type {
  Actor,
  EventData,
  EventEnvelope,
  ZoneAppliedV1,
  ZoneApprovedV1,
  ZoneConstructionStartedV1,
  ZoneCoverageReportedV1,
  ZoneDeadlineRemindedV1,
  ZoneEvidenceAttachedV1,
  ZoneExpiredV1,
  ZoneFailedV1,
  ZoneInspectionScoredV1,
  ZoneMidtermReviewedV1,
  ZonePassedV1,
  ZoneProposedV1,
  ZoneRectificationRequiredV1,
  ZoneRegisteredV1,
  ZoneRevokedV1,
  ZoneStandardsAppliedV1,
  ZoneTrainingRecordedV1,
} from '@highland/contracts';
import { STATE_AFTER, type ZoneLifecycle } from './lifecycle.js';

type Profile = Omit<EventData<typeof ZoneProposedV1>, 'proposedOn'>;
export type Approval = EventData<typeof ZoneApprovedV1>;
export type Inspection = EventData<typeof ZoneInspectionScoredV1>;
export type Coverage = EventData<typeof ZoneCoverageReportedV1>;
export type Training = EventData<typeof ZoneTrainingRecordedV1>;
export type Evidence = EventData<typeof ZoneEvidenceAttachedV1> & { attachedBy: Actor; attachedAt: string };

/** One lifecycle step: from where to where, on which (business) date, by whom. */
export interface Step {
  from?: ZoneLifecycle;
  to: ZoneLifecycle;
  on: string;
  actor: Actor;
  at: string;
}

export type ZoneState = Profile & {
  state: ZoneLifecycle;
  proposedOn?: string;
  /** Recorded at import rather than proposed here. */
  registered?: boolean;
  application?: EventData<typeof ZoneAppliedV1>;
  approval?: Approval;
  construction?: EventData<typeof ZoneConstructionStartedV1>;
  midterm?: EventData<typeof ZoneMidtermReviewedV1>;
  inspections: Inspection[];
  rectifications: Array<EventData<typeof ZoneRectificationRequiredV1>>;
  passed?: EventData<typeof ZonePassedV1>;
  failed?: EventData<typeof ZoneFailedV1>;
  revoked?: EventData<typeof ZoneRevokedV1>;
  expired?: EventData<typeof ZoneExpiredV1>;
  standards: EventData<typeof ZoneStandardsAppliedV1>['standards'];
  /** Latest figures of each period (every report stays in the stream). */
  coverage: Record<string, Coverage>;
  trainings: Training[];
  /** Reminders sent, `<milestone>:<deadline>:<days>` (see deadlines.ts). */
  reminders: string[];
  /** Files attached, in order (bytes in the evidence store). */
  evidence: Evidence[];
  steps: Step[];
  recordedBy: Actor;
  recordedAt: string;
  updatedAt: string;
};

/** The business date an event carries (its `on`, or the date of the act it records). */
export function businessDate(e: EventEnvelope): string {
  const d = e.data as Record<string, unknown>;
  for (const k of ['on', 'proposedOn', 'appliedOn', 'approvedOn']) if (typeof d[k] === 'string') return d[k];
  if (e.type === 'zones.zone-registered') {
    const r = d as EventData<typeof ZoneRegisteredV1>;
    return r.passedOn ?? r.constructionStartedOn ?? r.approval.approvedOn;
  }
  return e.occurredAt.slice(0, 10);
}

const step = (s: ZoneState | undefined, to: ZoneLifecycle, e: EventEnvelope): Step[] => [
  ...(s?.steps ?? []),
  { ...(s ? { from: s.state } : {}), to, on: businessDate(e), actor: e.actor, at: e.occurredAt },
];

/** A zone's records when it enters Highland (proposed, or registered at import): none yet. */
const empty = (e: EventEnvelope, to: ZoneLifecycle) => ({
  inspections: [],
  rectifications: [],
  standards: [],
  coverage: {},
  trainings: [],
  reminders: [],
  evidence: [],
  steps: step(undefined, to, e),
  recordedBy: e.actor,
  recordedAt: e.occurredAt,
  updatedAt: e.occurredAt,
});

/** Folds one event into its zone. Pure; the only place a zone's state changes. */
export function reduce(state: ZoneState | undefined, e: EventEnvelope): ZoneState {
  const touched = { updatedAt: e.occurredAt };
  const to = STATE_AFTER[e.type];
  switch (e.type) {
    case 'zones.zone-proposed': {
      const { proposedOn, ...profile } = e.data as EventData<typeof ZoneProposedV1>;
      return {
        ...profile,
        state: 'proposed',
        proposedOn,
        ...empty(e, 'proposed'),
      };
    }
    case 'zones.zone-registered': {
      const { stage, approval, constructionStartedOn, passedOn, ...profile } = e.data as EventData<
        typeof ZoneRegisteredV1
      >;
      return {
        ...profile,
        state: stage,
        registered: true,
        approval,
        ...(constructionStartedOn ? { construction: { on: constructionStartedOn } } : {}),
        ...(passedOn ? { passed: { on: passedOn, inspection: 1 } } : {}),
        ...empty(e, stage),
      };
    }
  }
  const s = state!;
  const moved = to ? { state: to, steps: step(s, to, e) } : {};
  switch (e.type) {
    case 'zones.zone-applied':
      return { ...s, ...touched, ...moved, application: e.data as EventData<typeof ZoneAppliedV1> };
    case 'zones.zone-approved':
      return { ...s, ...touched, ...moved, approval: e.data as Approval };
    case 'zones.zone-construction-started':
      return {
        ...s,
        ...touched,
        ...moved,
        construction: e.data as EventData<typeof ZoneConstructionStartedV1>,
      };
    case 'zones.zone-midterm-reviewed':
      return { ...s, ...touched, ...moved, midterm: e.data as EventData<typeof ZoneMidtermReviewedV1> };
    case 'zones.zone-inspection-scored':
      return { ...s, ...touched, ...moved, inspections: [...s.inspections, e.data as Inspection] };
    case 'zones.zone-passed':
      return { ...s, ...touched, ...moved, passed: e.data as EventData<typeof ZonePassedV1> };
    case 'zones.zone-rectification-required':
      return {
        ...s,
        ...touched,
        ...moved,
        rectifications: [...s.rectifications, e.data as EventData<typeof ZoneRectificationRequiredV1>],
      };
    case 'zones.zone-failed':
      return { ...s, ...touched, ...moved, failed: e.data as EventData<typeof ZoneFailedV1> };
    case 'zones.zone-revoked':
      return { ...s, ...touched, ...moved, revoked: e.data as EventData<typeof ZoneRevokedV1> };
    case 'zones.zone-expired':
      return { ...s, ...touched, ...moved, expired: e.data as EventData<typeof ZoneExpiredV1> };
    case 'zones.zone-standards-applied':
      return { ...s, ...touched, standards: (e.data as EventData<typeof ZoneStandardsAppliedV1>).standards };
    case 'zones.zone-coverage-reported': {
      const c = e.data as Coverage;
      return { ...s, ...touched, coverage: { ...s.coverage, [c.period]: c } };
    }
    case 'zones.zone-deadline-reminded': {
      const d = e.data as EventData<typeof ZoneDeadlineRemindedV1>;
      return {
        ...s,
        ...touched,
        reminders: [...s.reminders, `${d.milestone}:${d.deadline}:${d.daysBefore}`],
      };
    }
    case 'zones.zone-evidence-attached':
      return {
        ...s,
        ...touched,
        evidence: [
          ...s.evidence,
          {
            ...(e.data as EventData<typeof ZoneEvidenceAttachedV1>),
            attachedBy: e.actor,
            attachedAt: e.occurredAt,
          },
        ],
      };
    case 'zones.zone-training-recorded':
      return { ...s, ...touched, trainings: [...s.trainings, e.data as Training] };
    default:
      // An event type this version does not know yet changes nothing (forward compatibility).
      return s;
  }
}
