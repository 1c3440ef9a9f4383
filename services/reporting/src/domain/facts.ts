import { STANDARD_LEVELS } from '@highland/contracts';
/**
 * Facts: what the reporting projections count. Services emit raw events; projections normalise
 * them into facts keyed by a business key, so one real-world thing is one fact however often its
 * events are (re)delivered, and a later state (drafting → published, withdrawn) updates or retracts
 * the same fact instead of adding another.
 */

export const FACT_KINDS = [
  'standard-work', // a standard formulated / revised / adopted, with the stage it has reached
  'enterprise-filing', // an enterprise product standard filed (self-declared)
  'committee-membership', // an enterprise (member unit) or engineer (member) on a TC/SC/WG
  'good-behaviour-certification', // standardization good-behaviour enterprise certification
  'key-product-adoption', // a key product of a key field; `adopts` = uses an intl/foreign standard
  'demonstration-zone', // agricultural demonstration zone or service-standardization pilot
  'tbt-alert', // a WTO/TBT notification matched an exporter; later its delivery and acknowledgement
  'peer-standards-total', // a peer district's published total (input of the comparative target)
] as const;
export type FactKind = (typeof FACT_KINDS)[number];

// Vocabularies shared with the event catalogue (libs/contracts), so plan filters can be validated.
export { STANDARD_LEVELS };
export type StandardLevel = (typeof STANDARD_LEVELS)[number];
/** Kinds of work a plan can count; facts may also say 'existing' (recorded, not worked on). */
export const WORK_KINDS = ['formulate', 'revise', 'adopt'] as const;
export type WorkKind = (typeof WORK_KINDS)[number];
export const MEMBER_KINDS = ['enterprise', 'engineer'] as const;
export type MemberKind = (typeof MEMBER_KINDS)[number];
export const COMMITTEE_LEVELS = ['national', 'international'] as const;
export type CommitteeLevel = (typeof COMMITTEE_LEVELS)[number];
export const AUTHORITY_LEVELS = ['district', 'municipal', 'provincial', 'national'] as const;
export type AuthorityLevel = (typeof AUTHORITY_LEVELS)[number];
/** The zones service's kinds (libs/contracts events/zones/shapes.ts); the seed plan counts the first two. */
export const ZONE_KINDS = [
  'agricultural',
  'service-pilot',
  'enterprise-base-farmers',
  'rural-market',
] as const;
export type ZoneKind = (typeof ZONE_KINDS)[number];
export const ZONE_LEVELS = ['district', 'municipal', 'national'] as const;
export type ZoneLevel = (typeof ZONE_LEVELS)[number];

export type AttributeValue = string | number | boolean;

export interface FactAttributes {
  readonly level?: StandardLevel;
  readonly workKind?: WorkKind | 'existing';
  readonly sector?: string;
  /** ISO harmonized stage code ('60.60'); national stages are mapped by the projection. */
  readonly stage?: string;
  readonly department?: string;
  readonly town?: string;
  /** The plan's five major projects, 1..5. */
  readonly project?: number;
  readonly memberKind?: MemberKind;
  readonly committeeLevel?: CommitteeLevel;
  /** Level of the certifying authority (good-behaviour certification). */
  readonly authority?: AuthorityLevel;
  readonly zoneKind?: ZoneKind;
  readonly zoneLevel?: ZoneLevel;
  /** key-product-adoption: the product adopts an international or advanced foreign standard. */
  readonly adopts?: boolean;
  /** An organisation of the district led or took part. */
  readonly inDistrict?: boolean;
  /** tbt-alert: the notifying WTO member (e.g. 'EU', 'USA'). */
  readonly member?: string;
  /** tbt-alert: the alert reached the exporter (webhook accepted). */
  readonly delivered?: boolean;
  /** tbt-alert: the exporter acknowledged it (impact and intended action). */
  readonly acknowledged?: boolean;
  /** tbt-alert: the exporter proposes a specific trade concern to the district office. */
  readonly tradeConcernCandidate?: boolean;
  /** peer-standards-total: the peer district and its published total. */
  readonly peerDistrict?: string;
  readonly total?: number;
  readonly [extra: string]: AttributeValue | undefined;
}

export interface FactRef {
  readonly service: string;
  readonly type: string;
  readonly id: string;
}

export interface Fact {
  /** Business key: the same real-world thing always gets the same id (see factKey). */
  readonly id: string;
  readonly kind: FactKind;
  /**
   * When the counted state was reached (e.g. publication date), ISO 8601. A date without an
   * offset is a district-local date (see calendar.ts).
   */
  readonly occurredAt: string;
  readonly attributes: FactAttributes;
  /** Where the fact came from, for drill-down. */
  readonly ref?: FactRef;
  /** Kept as a tombstone so a stale redelivery cannot bring it back. */
  readonly retracted?: boolean;
  /**
   * Source ordering (e.g. stream sequence or aggregate revision). When both the stored and the
   * incoming fact have one, an older incoming fact is ignored: redeliveries out of order are no-ops.
   */
  readonly seq?: number;
}

/** Read access by kind; FactStore implements it so evaluation touches only the kinds it needs. */
export interface FactsByKind {
  ofKind(kind: FactKind): Iterable<Fact>;
}

const SEPARATOR = /[\\|]/;
const SEPARATORS = /[\\|]/g;

/** Business key from a kind and identifying parts, e.g. factKey('standard-work', 'DB50/T 123'). */
export function factKey(kind: FactKind, ...parts: readonly string[]): string {
  // Escape the separator so distinct part lists can never produce the same key.
  // join makes one flat string; += would make a rope that every hash lookup has to flatten.
  return [kind, ...parts.map((p) => (SEPARATOR.test(p) ? p.replace(SEPARATORS, (c) => `\\${c}`) : p))].join(
    '|',
  );
}

/** Which service emits each fact kind: a kind is available once its service runs. */
export const FACT_KIND_SOURCE: Readonly<Record<FactKind, string>> = {
  'standard-work': 'registry',
  'enterprise-filing': 'registry',
  'committee-membership': 'registry',
  'good-behaviour-certification': 'registry',
  'key-product-adoption': 'registry',
  'demonstration-zone': 'zones',
  'tbt-alert': 'tbt',
  'peer-standards-total': 'reporting',
};

/** Fact kinds whose source service is among the running ones. */
export function availableKinds(services: Iterable<string>): Set<FactKind> {
  const running = new Set(services);
  return new Set(FACT_KINDS.filter((kind) => running.has(FACT_KIND_SOURCE[kind])));
}

/** Groups a plain iterable by kind (one pass), for callers that do not hold a FactStore. */
export function indexByKind(facts: Iterable<Fact>): FactsByKind {
  const byKind = new Map<FactKind, Fact[]>();
  for (const fact of facts) {
    const list = byKind.get(fact.kind);
    if (list) list.push(fact);
    else byKind.set(fact.kind, [fact]);
  }
  return { ofKind: (kind) => byKind.get(kind) ?? [] };
}
