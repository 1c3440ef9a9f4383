/**
 * In-memory fact store: upsert by business key, tombstone retraction, indexed by kind. Applying
 * the same fact again changes nothing, which makes redelivered events harmless; snapshot()/equals()
 * compare stores canonically, so a view rebuilt from the streams can be proved equal to the live one.
 */
import type { Fact, FactAttributes, FactKind, FactsByKind } from './facts.js';

/** Canonical JSON of stored facts, made when first compared across stores (equals). */
const canonicalOf = new WeakMap<Fact, string>();

/** JSON with object keys sorted and undefined members dropped, so equal facts serialise equally. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/** A frozen copy without undefined members; `retracted: false` is the same as absent. */
function normalise(fact: Fact): Fact {
  const attributes: Record<string, unknown> = {};
  for (const key in fact.attributes) {
    const value = fact.attributes[key];
    if (value !== undefined) attributes[key] = value;
  }
  const copy: { -readonly [K in keyof Fact]: Fact[K] } = {
    id: fact.id,
    kind: fact.kind,
    occurredAt: fact.occurredAt,
    attributes: Object.freeze(attributes) as FactAttributes,
  };
  if (fact.ref) copy.ref = Object.freeze({ service: fact.ref.service, type: fact.ref.type, id: fact.ref.id });
  if (fact.retracted) copy.retracted = true;
  if (fact.seq !== undefined) copy.seq = fact.seq;
  return Object.freeze(copy);
}

/**
 * Whether two normalised facts are equal, field by field: what canonicalJson(a) ===
 * canonicalJson(b) says, without serialising (attribute values are primitives).
 */
function sameFact(a: Fact, b: Fact): boolean {
  if (
    a.id !== b.id ||
    a.kind !== b.kind ||
    a.occurredAt !== b.occurredAt ||
    a.retracted !== b.retracted ||
    a.seq !== b.seq ||
    a.ref?.service !== b.ref?.service ||
    a.ref?.type !== b.ref?.type ||
    a.ref?.id !== b.ref?.id
  )
    return false;
  let count = 0;
  for (const key in a.attributes) {
    if (a.attributes[key] !== b.attributes[key]) return false;
    count++;
  }
  for (const key in b.attributes) if (--count < 0 || !(key in a.attributes)) return false;
  return count === 0;
}

function isStale(existing: Fact, seq: number | undefined): boolean {
  return seq !== undefined && existing.seq !== undefined && seq < existing.seq;
}

export class FactStore implements Iterable<Fact>, FactsByKind {
  readonly #byId = new Map<string, Fact>();
  readonly #byKind = new Map<FactKind, Map<string, Fact>>();
  /** Told of every change (an upsert that changed something, a retraction), after it is stored. */
  onChange?: (previous: Fact | undefined, next: Fact) => void;

  /** Number of stored facts, tombstones included. */
  get size(): number {
    return this.#byId.size;
  }

  get(id: string): Fact | undefined {
    return this.#byId.get(id);
  }

  /** Upsert by id. False when nothing changed: an identical fact, or one older (seq) than stored. */
  applyFact(fact: Fact): boolean {
    const existing = this.#byId.get(fact.id);
    if (existing && isStale(existing, fact.seq)) return false;
    const next = normalise(fact);
    if (existing && sameFact(existing, next)) return false;
    if (existing && existing.kind !== next.kind) this.#byKind.get(existing.kind)?.delete(next.id);
    this.#byId.set(next.id, next);
    this.#kindIndex(next.kind).set(next.id, next);
    this.onChange?.(existing, next);
    return true;
  }

  /**
   * Marks a fact retracted, keeping it as a tombstone. False when unknown, already retracted, or
   * the retraction is older (seq) than the stored fact.
   */
  retract(id: string, seq?: number): boolean {
    const existing = this.#byId.get(id);
    if (!existing || existing.retracted || isStale(existing, seq)) return false;
    return this.applyFact({ ...existing, retracted: true, seq: seq ?? existing.seq });
  }

  /** Live (not retracted) facts of one kind. */
  *ofKind(kind: FactKind): IterableIterator<Fact> {
    for (const fact of this.#byKind.get(kind)?.values() ?? []) if (!fact.retracted) yield fact;
  }

  /** Live facts of every kind. */
  *[Symbol.iterator](): Iterator<Fact> {
    for (const fact of this.#byId.values()) if (!fact.retracted) yield fact;
  }

  /** Every stored fact (tombstones included), sorted by id: deterministic whatever the apply order. */
  snapshot(): readonly Fact[] {
    return [...this.#byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  /** Canonical text of the snapshot, e.g. to hash or compare across processes. */
  canonicalJson(): string {
    return canonicalJson(this.snapshot());
  }

  equals(other: FactStore): boolean {
    if (other.size !== this.size) return false;
    for (const [id, fact] of this.#byId) {
      const theirs = other.#byId.get(id);
      if (!theirs || FactStore.#json(theirs) !== FactStore.#json(fact)) return false;
    }
    return true;
  }

  static #json(fact: Fact): string {
    let json = canonicalOf.get(fact);
    if (json === undefined) canonicalOf.set(fact, (json = canonicalJson(fact)));
    return json;
  }

  static from(facts: Iterable<Fact>): FactStore {
    const store = new FactStore();
    for (const fact of facts) store.applyFact(fact);
    return store;
  }

  #kindIndex(kind: FactKind): Map<string, Fact> {
    let index = this.#byKind.get(kind);
    if (!index) {
      index = new Map<string, Fact>();
      this.#byKind.set(kind, index);
    }
    return index;
  }
}
