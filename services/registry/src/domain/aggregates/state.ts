import type {
  CatalogueEntryImportedV1,
  CommitteeSeatGrantedV1,
  EnterpriseCertifiedV1,
  EnterpriseStandardFiledV1,
  EventData,
  EventEnvelope,
  KeyProductRecordedV1,
  StandardRegisteredV1,
  StandardStageChangedV1,
} from '@highland/contracts';

export interface Recorded {
  recordedBy: { department: string; user: string };
  recordedAt: string;
  updatedAt: string;
}

export type StandardData = EventData<typeof StandardRegisteredV1>;
export interface StageStep {
  from: string;
  to: string;
  on: string;
  department: string;
}
export type StandardState = { kind: 'standard' } & StandardData &
  Recorded & { supersededBy?: string; withdrawnOn?: string; stageHistory: StageStep[] };
export type KeyProductState = { kind: 'key-product' } & EventData<typeof KeyProductRecordedV1> & Recorded;
export type FilingState = { kind: 'filing' } & EventData<typeof EnterpriseStandardFiledV1> & Recorded;
export type SeatState = { kind: 'committee-seat' } & EventData<typeof CommitteeSeatGrantedV1> &
  Recorded & { active: boolean };
export type CertificationState = { kind: 'certification' } & EventData<typeof EnterpriseCertifiedV1> &
  Recorded;
export type CatalogueState = { kind: 'catalogue-entry' } & EventData<typeof CatalogueEntryImportedV1> &
  Recorded;

export type RegistryState =
  StandardState | KeyProductState | FilingState | SeatState | CertificationState | CatalogueState;
export type RegistryKind = RegistryState['kind'];

const recorded = (prev: Recorded | undefined, e: EventEnvelope): Recorded => ({
  recordedBy: prev?.recordedBy ?? e.actor,
  recordedAt: prev?.recordedAt ?? e.occurredAt,
  updatedAt: e.occurredAt,
});

/** Folds one event into the state of its aggregate. Pure; the only place state changes. */
export function reduce(state: RegistryState | undefined, e: EventEnvelope): RegistryState {
  switch (e.type) {
    case 'registry.standard-registered': {
      const d = e.data as StandardData;
      return { kind: 'standard', ...d, ...recorded(undefined, e), stageHistory: [] };
    }
    case 'registry.standard-stage-changed': {
      const d = e.data as EventData<typeof StandardStageChangedV1>;
      const s = state as StandardState;
      return {
        ...s,
        ...recorded(s, e),
        stage: d.to,
        isoStage: d.isoStage,
        ...(d.publishedOn ? { publishedOn: d.publishedOn } : {}),
        ...(d.effectiveOn ? { effectiveOn: d.effectiveOn } : {}),
        ...(d.supersededBy ? { supersededBy: d.supersededBy } : {}),
        ...(d.to === 'withdrawn' ? { withdrawnOn: d.on } : {}),
        stageHistory: [
          ...s.stageHistory,
          { from: d.from, to: d.to, on: d.on, department: e.actor.department },
        ],
      };
    }
    case 'registry.key-product-recorded':
      return {
        kind: 'key-product',
        ...(e.data as EventData<typeof KeyProductRecordedV1>),
        ...recorded(state, e),
      };
    case 'registry.enterprise-standard-filed':
      return {
        kind: 'filing',
        ...(e.data as EventData<typeof EnterpriseStandardFiledV1>),
        ...recorded(state, e),
      };
    case 'registry.committee-seat-granted':
      return {
        kind: 'committee-seat',
        ...(e.data as EventData<typeof CommitteeSeatGrantedV1>),
        ...recorded(state, e),
        active: true,
      };
    case 'registry.committee-seat-ended': {
      const s = state as SeatState;
      return { ...s, ...recorded(s, e), to: (e.data as { to: string }).to, active: false };
    }
    case 'registry.enterprise-certified':
      return {
        kind: 'certification',
        ...(e.data as EventData<typeof EnterpriseCertifiedV1>),
        ...recorded(state, e),
      };
    case 'registry.catalogue-entry-imported':
      return {
        kind: 'catalogue-entry',
        ...(e.data as EventData<typeof CatalogueEntryImportedV1>),
        ...recorded(state, e),
      };
    default:
      // An event type this version does not know yet changes nothing (forward compatibility).
      return state as RegistryState;
  }
}
