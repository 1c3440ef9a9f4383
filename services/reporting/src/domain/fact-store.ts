/**
 * In-memory fact store: upsert by business key, tombstone retraction, indexed by kind. Applying
 * the same fact again changes nothing, which makes redelivered events harmless; snapshot()/equals()
 * compare stores canonically, so a view rebuilt from the streams can be proved equal to the live one.
 *
 * Facts are kept in columns (typed arrays and arrays of primitives), not as an object graph each:
 * a replay of a million events holds ~650,000 facts, and as objects (~15 per fact with their
 * attribute objects, refs and strings) they made garbage collection the largest cost of a rebuild.
 * Readers get Fact objects made on demand (get, ofKind, snapshot): copies, so no reader can change
 * what the store holds.
 */
import {
  FACT_KINDS,
  type AttributeValue,
  type Fact,
  type FactKind,
  type FactRef,
  type FactsByKind,
} from './facts.js';

/** JSON with object keys sorted and undefined members dropped, so equal facts serialise equally. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

const KIND_INDEX = new Map<FactKind, number>(FACT_KINDS.map((kind, i) => [kind, i]));
const RETRACTED = 1;

/**
 * One copy of each string of a low-cardinality column (departments, towns, dates): parsed events
 * bring a fresh copy each, which the store would otherwise keep once per fact. A column that
 * turns out to have many distinct values (codes) stops being interned, so its lookups stop too.
 */
class Interner {
  #copies: Map<string, string> | undefined = new Map();

  constructor(private readonly limit: number) {}

  intern(text: string): string {
    const copies = this.#copies;
    if (!copies) return text;
    const known = copies.get(text);
    if (known !== undefined) return known;
    if (copies.size >= this.limit) this.#copies = undefined;
    else copies.set(text, text);
    return text;
  }
}

/** Each distinct value once, numbered from 0. */
class Dictionary<V> {
  readonly values: V[] = [];
  readonly #ids = new Map<V, number>();

  id(value: V): number {
    let id = this.#ids.get(value);
    if (id === undefined) {
      id = this.values.length;
      this.values.push(value);
      this.#ids.set(value, id);
    }
    return id;
  }
}

/**
 * Attribute name lists ("shapes"), reached by transitions as hidden classes are: adding name n to
 * shape s always leads to the same shape, so encoding a fact allocates nothing once its shape exists.
 */
class Shapes {
  readonly names: number[][] = [[]];
  readonly #next: Map<number, number>[] = [new Map<number, number>()];

  next(shape: number, name: number): number {
    const transitions = this.#next[shape]!;
    let target = transitions.get(name);
    if (target === undefined) {
      target = this.names.length;
      this.names.push([...this.names[shape]!, name]);
      this.#next.push(new Map<number, number>());
      transitions.set(name, target);
    }
    return target;
  }
}

function grow<T extends Uint8Array | Uint32Array | Float64Array>(column: T, size: number): T {
  if (size <= column.length) return column;
  const next = new (column.constructor as new (n: number) => T)(Math.max(size, column.length * 2));
  next.set(column);
  return next;
}

export class FactStore implements Iterable<Fact>, FactsByKind {
  readonly #byId = new Map<string, number>();
  /** Slots of each kind (FACT_KINDS order), in insertion order. */
  readonly #slotsOfKind: number[][] = FACT_KINDS.map(() => []);
  readonly #names = new Dictionary<string>();
  /** By attribute name id. */
  readonly #interners: Interner[] = [];
  readonly #dates = new Interner(100_000);
  readonly #shapes = new Shapes();
  #count = 0;
  // One entry per slot:
  #ids: string[] = [];
  #occurredAt: string[] = [];
  /** undefined: no ref. */
  #refService: Array<string | undefined> = [];
  #refType: string[] = [];
  #refId: string[] = [];
  #kind = new Uint8Array(1024);
  #flags = new Uint8Array(1024);
  /** NaN: no seq. */
  #seq = new Float64Array(1024);
  #shape = new Uint32Array(1024);
  /** Where the slot's attribute values start in #pool (as many as its shape has names). */
  #valuesAt = new Uint32Array(1024);
  /**
   * Attribute values themselves (primitives; strings interned while their column repeats), not
   * dictionary numbers: numbering every value, codes included, cost more than it saved.
   */
  #pool: AttributeValue[] = [];
  /** The incoming fact's defined attribute values, in its shape's order. */
  #scratch: AttributeValue[] = [];

  /** Told of every change (an upsert that changed something, a retraction), after it is stored. */
  onChange?: (previous: Fact | undefined, next: Fact) => void;

  /** Number of stored facts, tombstones included. */
  get size(): number {
    return this.#count;
  }

  get(id: string): Fact | undefined {
    const slot = this.#byId.get(id);
    return slot === undefined ? undefined : this.#fact(slot);
  }

  /** Upsert by id. False when nothing changed: an identical fact, or one older (seq) than stored. */
  applyFact(fact: Fact): boolean {
    const existing = this.#byId.get(fact.id);
    if (existing !== undefined && this.#isStale(existing, fact.seq)) return false;
    const kind = KIND_INDEX.get(fact.kind);
    if (kind === undefined) throw new Error(`unknown fact kind "${fact.kind}"`);
    const shape = this.#encodeAttributes(fact);
    const flags = fact.retracted ? RETRACTED : 0;
    const seq = fact.seq ?? Number.NaN;
    if (
      existing !== undefined &&
      this.#kind[existing] === kind &&
      this.#occurredAt[existing] === fact.occurredAt &&
      this.#flags[existing] === flags &&
      Object.is(this.#seq[existing], seq) &&
      this.#sameRef(existing, fact.ref) &&
      this.#sameAttributes(existing, shape)
    )
      return false;

    const previous = existing !== undefined && this.onChange ? this.#fact(existing) : undefined;
    const slot = existing ?? this.#newSlot(fact.id, kind);
    if (existing !== undefined && this.#kind[slot] !== kind) this.#moveKind(slot, kind);
    this.#occurredAt[slot] = this.#dates.intern(fact.occurredAt);
    this.#flags[slot] = flags;
    this.#seq[slot] = seq;
    this.#refService[slot] = fact.ref?.service;
    this.#refType[slot] = fact.ref?.type ?? '';
    this.#refId[slot] = fact.ref?.id ?? '';
    this.#storeAttributes(slot, shape, existing !== undefined);
    this.onChange?.(previous, this.#fact(slot));
    return true;
  }

  /**
   * Marks a fact retracted, keeping it as a tombstone. False when unknown, already retracted, or
   * the retraction is older (seq) than the stored fact.
   */
  retract(id: string, seq?: number): boolean {
    const slot = this.#byId.get(id);
    if (slot === undefined || this.#flags[slot]! & RETRACTED || this.#isStale(slot, seq)) return false;
    const previous = this.onChange ? this.#fact(slot) : undefined;
    this.#flags[slot] = this.#flags[slot]! | RETRACTED;
    if (seq !== undefined) this.#seq[slot] = seq;
    this.onChange?.(previous, this.#fact(slot));
    return true;
  }

  /** Live (not retracted) facts of one kind. */
  *ofKind(kind: FactKind): IterableIterator<Fact> {
    const slots = this.#slotsOfKind[KIND_INDEX.get(kind) ?? -1] ?? [];
    for (const slot of slots) if (!(this.#flags[slot]! & RETRACTED)) yield this.#fact(slot);
  }

  /** Live facts of every kind. */
  *[Symbol.iterator](): Iterator<Fact> {
    for (let slot = 0; slot < this.#count; slot++)
      if (!(this.#flags[slot]! & RETRACTED)) yield this.#fact(slot);
  }

  /** Every stored fact (tombstones included), sorted by id: deterministic whatever the apply order. */
  snapshot(): readonly Fact[] {
    const facts: Fact[] = [];
    for (let slot = 0; slot < this.#count; slot++) facts.push(this.#fact(slot));
    return facts.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  /** Canonical text of the snapshot, e.g. to hash or compare across processes. */
  canonicalJson(): string {
    return canonicalJson(this.snapshot());
  }

  equals(other: FactStore): boolean {
    if (other.size !== this.size) return false;
    for (const [id, slot] of this.#byId) {
      const theirs = other.get(id);
      if (!theirs || canonicalJson(theirs) !== canonicalJson(this.#fact(slot))) return false;
    }
    return true;
  }

  static from(facts: Iterable<Fact>): FactStore {
    const store = new FactStore();
    for (const fact of facts) store.applyFact(fact);
    return store;
  }

  #isStale(slot: number, seq: number | undefined): boolean {
    const stored = this.#seq[slot]!;
    return seq !== undefined && !Number.isNaN(stored) && seq < stored;
  }

  #sameRef(slot: number, ref: FactRef | undefined): boolean {
    const service = this.#refService[slot];
    return ref === undefined
      ? service === undefined
      : service === ref.service && this.#refType[slot] === ref.type && this.#refId[slot] === ref.id;
  }

  /** Puts the defined attribute values into #scratch; returns their shape. */
  #encodeAttributes(fact: Fact): number {
    let shape = 0;
    let n = 0;
    for (const key in fact.attributes) {
      const value = fact.attributes[key];
      if (value === undefined) continue;
      const name = this.#names.id(key);
      shape = this.#shapes.next(shape, name);
      this.#scratch[n++] =
        typeof value === 'string' ? (this.#interners[name] ??= new Interner(1_000)).intern(value) : value;
    }
    return shape;
  }

  /** Whether the slot's attributes equal the encoded ones, whatever their order. */
  #sameAttributes(slot: number, shape: number): boolean {
    const stored = this.#shapes.names[this.#shape[slot]!]!;
    const incoming = this.#shapes.names[shape]!;
    if (stored.length !== incoming.length) return false;
    const at = this.#valuesAt[slot]!;
    if (this.#shape[slot] === shape) {
      for (let j = 0; j < incoming.length; j++) if (this.#pool[at + j] !== this.#scratch[j]) return false;
      return true;
    }
    for (let j = 0; j < incoming.length; j++) {
      const k = stored.indexOf(incoming[j]!);
      if (k < 0 || this.#pool[at + k] !== this.#scratch[j]) return false;
    }
    return true;
  }

  #storeAttributes(slot: number, shape: number, reuse: boolean): void {
    const n = this.#shapes.names[shape]!.length;
    // A slot keeps its region while the new attributes fit (a fact's shape rarely changes).
    if (!reuse || this.#shapes.names[this.#shape[slot]!]!.length < n) {
      this.#valuesAt[slot] = this.#pool.length;
      for (let j = 0; j < n; j++) this.#pool.push(this.#scratch[j]!);
    } else {
      const at = this.#valuesAt[slot]!;
      for (let j = 0; j < n; j++) this.#pool[at + j] = this.#scratch[j]!;
    }
    this.#shape[slot] = shape;
  }

  #newSlot(id: string, kind: number): number {
    const slot = this.#count++;
    if (slot === this.#kind.length) {
      const size = slot + 1;
      this.#kind = grow(this.#kind, size);
      this.#flags = grow(this.#flags, size);
      this.#seq = grow(this.#seq, size);
      this.#shape = grow(this.#shape, size);
      this.#valuesAt = grow(this.#valuesAt, size);
    }
    this.#ids.push(id);
    this.#occurredAt.push('');
    this.#refService.push(undefined);
    this.#refType.push('');
    this.#refId.push('');
    this.#byId.set(id, slot);
    this.#kind[slot] = kind;
    this.#slotsOfKind[kind]!.push(slot);
    return slot;
  }

  #moveKind(slot: number, kind: number): void {
    const from = this.#slotsOfKind[this.#kind[slot]!]!;
    from.splice(from.indexOf(slot), 1);
    // Kept in slot order, as a fact of that kind from the start would be.
    const to = this.#slotsOfKind[kind]!;
    let i = to.length;
    while (i > 0 && to[i - 1]! > slot) i--;
    to.splice(i, 0, slot);
    this.#kind[slot] = kind;
  }

  /** The slot as a Fact, shaped as the store's input normalised (no undefined members). */
  #fact(slot: number): Fact {
    const names = this.#shapes.names[this.#shape[slot]!]!;
    const at = this.#valuesAt[slot]!;
    const attributes: Record<string, AttributeValue> = {};
    for (let j = 0; j < names.length; j++) attributes[this.#names.values[names[j]!]!] = this.#pool[at + j]!;
    const fact: { -readonly [K in keyof Fact]: Fact[K] } = {
      id: this.#ids[slot]!,
      kind: FACT_KINDS[this.#kind[slot]!]!,
      occurredAt: this.#occurredAt[slot]!,
      attributes,
    };
    const service = this.#refService[slot];
    if (service !== undefined) fact.ref = { service, type: this.#refType[slot]!, id: this.#refId[slot]! };
    if (this.#flags[slot]! & RETRACTED) fact.retracted = true;
    const seq = this.#seq[slot]!;
    if (!Number.isNaN(seq)) fact.seq = seq;
    return fact;
  }
}
