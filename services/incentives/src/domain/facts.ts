import type {
  CommitteeSeatGrantedV1,
  EnterpriseCertifiedV1,
  EnterpriseStandardFiledV1,
  EventData,
  EventEnvelope,
  KeyProductRecordedV1,
  StandardRegisteredV1,
  StandardStageChangedV1,
} from '@highland/contracts';

/**
 * The service's own copy of the facts it pays for, kept current from the registry's (and zones')
 * events: only what eligibility reads.
 */
export interface StandardFact {
  kind: 'standard';
  code: string;
  level: EventData<typeof StandardRegisteredV1>['level'];
  body: string;
  ccs: string[];
  sector: string;
  work: EventData<typeof StandardRegisteredV1>['work'];
  stage: string;
  leadOrganisation?: string;
  participants: string[];
  publishedOn?: string;
  withdrawnOn?: string;
}
export type SeatFact = { kind: 'committee-seat'; active: boolean } & EventData<typeof CommitteeSeatGrantedV1>;
export type FilingFact = { kind: 'filing' } & EventData<typeof EnterpriseStandardFiledV1>;
export type CertificationFact = { kind: 'certification' } & EventData<typeof EnterpriseCertifiedV1>;
export type KeyProductFact = { kind: 'key-product' } & EventData<typeof KeyProductRecordedV1>;
export type RegistryFact = StandardFact | SeatFact | FilingFact | CertificationFact | KeyProductFact;

/** Folds one registry event into the fact it is about. Pure; unknown events change nothing. */
export function reduceRegistryFact(state: RegistryFact | undefined, e: EventEnvelope): RegistryFact {
  switch (e.type) {
    case 'registry.standard-registered': {
      const d = e.data as EventData<typeof StandardRegisteredV1>;
      return {
        kind: 'standard',
        code: d.code,
        level: d.level,
        body: d.body,
        ccs: d.ccs,
        sector: d.sector,
        work: d.work,
        stage: d.stage,
        participants: d.participants,
        ...(d.leadOrganisation ? { leadOrganisation: d.leadOrganisation } : {}),
        ...(d.publishedOn ? { publishedOn: d.publishedOn } : {}),
      };
    }
    case 'registry.standard-stage-changed': {
      const d = e.data as EventData<typeof StandardStageChangedV1>;
      const s = state as StandardFact;
      return {
        ...s,
        stage: d.to,
        ...(d.publishedOn ? { publishedOn: d.publishedOn } : {}),
        ...(d.to === 'withdrawn' || d.to === 'superseded' || d.to === 'cancelled'
          ? { withdrawnOn: d.on }
          : {}),
      };
    }
    case 'registry.committee-seat-granted':
      return {
        kind: 'committee-seat',
        ...(e.data as EventData<typeof CommitteeSeatGrantedV1>),
        active: true,
      };
    case 'registry.committee-seat-ended': {
      const s = state as SeatFact;
      return { ...s, to: (e.data as { to: string }).to, active: false };
    }
    case 'registry.enterprise-standard-filed':
      return { kind: 'filing', ...(e.data as EventData<typeof EnterpriseStandardFiledV1>) };
    case 'registry.enterprise-certified':
      return { kind: 'certification', ...(e.data as EventData<typeof EnterpriseCertifiedV1>) };
    case 'registry.key-product-recorded':
      return { kind: 'key-product', ...(e.data as EventData<typeof KeyProductRecordedV1>) };
    default:
      return state as RegistryFact;
  }
}

/** A demonstration zone as the zones service's events made it. */
export interface ZoneFact {
  kind: 'zone';
  name: string;
  zoneKind: string;
  undertaking?: string;
  /** The level the authority approved it at (national, municipal). */
  approvedLevel?: string;
  /** The level it passed (was accepted) at, and when. */
  passedLevel?: string;
  passedOn?: string;
  revokedOn?: string;
}

/** What eligibility looks facts up in (the view implements it; tests give a map). */
export interface Facts {
  registryItem(id: string): RegistryFact | undefined;
  /** A registry id for a standard code (any spelling `codeKey` maps to the same key). */
  standardIdByCode(code: string): string | undefined;
  /** The registry id of an enterprise's filing of a standard code. */
  filingId(enterprise: string, code: string): string | undefined;
  /** A key product adopting this standard code internationally. */
  keyProductAdopting(code: string): KeyProductFact | undefined;
  zone(id: string): ZoneFact | undefined;
}

/** Folds one zones event into the zone fact. Pure; events it does not need change nothing. */
export function reduceZoneFact(state: ZoneFact | undefined, e: EventEnvelope): ZoneFact {
  const d = e.data as Record<string, unknown>;
  const profile = (): ZoneFact => ({
    kind: 'zone',
    name: d.name as string,
    zoneKind: d.kind as string,
    undertaking: (d.undertaking as { name: string } | undefined)?.name,
  });
  switch (e.type) {
    case 'zones.zone-proposed':
      return { ...profile(), ...(state?.approvedLevel ? { approvedLevel: state.approvedLevel } : {}) };
    case 'zones.zone-registered': {
      const approval = d.approval as { level: string };
      return {
        ...profile(),
        approvedLevel: approval.level,
        ...(d.stage === 'passed' && d.passedOn
          ? { passedLevel: approval.level, passedOn: d.passedOn as string }
          : {}),
      };
    }
    case 'zones.zone-approved':
      return { ...(state as ZoneFact), approvedLevel: d.level as string };
    case 'zones.zone-passed':
      return { ...(state as ZoneFact), passedLevel: state?.approvedLevel, passedOn: d.on as string };
    case 'zones.zone-revoked':
      return { ...(state as ZoneFact), revokedOn: d.on as string };
    default:
      return state as ZoneFact;
  }
}
