import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluatePlan } from '../../src/domain/attainment.js';
import { canonicalJson, FactStore } from '../../src/domain/fact-store.js';
import { FACT_KINDS, type Fact } from '../../src/domain/facts.js';
import { SEED_PLAN } from '../../src/domain/seed-plan.js';
import { ALL_SOURCES } from './fixtures.js';

const draft: Fact = {
  id: 'standard-work|DB50/T 500-2014',
  kind: 'standard-work',
  occurredAt: '2013-04-01',
  attributes: { level: 'local', workKind: 'formulate', stage: '20.00', inDistrict: true, sector: 'food' },
  ref: { service: 'registry', type: 'standard', id: 'DB50/T 500-2014' },
  seq: 1,
};
const publishedLater: Fact = {
  ...draft,
  occurredAt: '2014-02-01',
  attributes: { ...draft.attributes, stage: '60.60' },
  seq: 2,
};

describe('FactStore', () => {
  it('upserts by id: re-applying the same fact is a no-op, a new state updates the one fact', () => {
    const store = new FactStore();
    expect(store.applyFact(draft)).toBe(true);
    expect(store.applyFact({ ...draft, attributes: { ...draft.attributes } })).toBe(false);
    expect(store.applyFact(publishedLater)).toBe(true);
    expect(store.size).toBe(1);
    expect(store.get(draft.id)?.attributes.stage).toBe('60.60');
  });

  it('ignores attribute order, undefined members and retracted: false', () => {
    const store = FactStore.from([draft]);
    const reordered: Fact = {
      seq: 1,
      ref: draft.ref!,
      attributes: {
        sector: 'food',
        inDistrict: true,
        stage: '20.00',
        workKind: 'formulate',
        level: 'local',
        town: undefined,
      },
      occurredAt: draft.occurredAt,
      kind: draft.kind,
      id: draft.id,
      retracted: false,
    };
    expect(store.applyFact(reordered)).toBe(false);
  });

  it('ignores an older redelivery after a newer state (seq)', () => {
    const store = FactStore.from([draft, publishedLater]);
    expect(store.applyFact(draft)).toBe(false);
    expect(store.get(draft.id)?.seq).toBe(2);
  });

  it('retracts into a tombstone that a stale redelivery cannot revive, a newer fact can', () => {
    const store = FactStore.from([draft, publishedLater]);
    expect(store.retract(draft.id, 3)).toBe(true);
    expect(store.retract(draft.id, 3)).toBe(false);
    expect(store.retract('unknown')).toBe(false);
    expect([...store.ofKind('standard-work')]).toEqual([]);
    expect([...store]).toEqual([]);
    expect(store.snapshot()).toHaveLength(1);
    expect(store.applyFact(publishedLater)).toBe(false);
    expect(store.applyFact({ ...publishedLater, seq: 4 })).toBe(true);
    expect([...store.ofKind('standard-work')]).toHaveLength(1);
  });

  it('indexes by kind and moves a fact whose kind changes', () => {
    const store = FactStore.from([draft, { ...draft, id: 'z', kind: 'enterprise-filing', seq: undefined }]);
    expect([...store.ofKind('enterprise-filing')].map((f) => f.id)).toEqual(['z']);
    store.applyFact({ ...draft, id: 'z', kind: 'demonstration-zone' });
    expect([...store.ofKind('enterprise-filing')]).toEqual([]);
    expect([...store.ofKind('demonstration-zone')].map((f) => f.id)).toEqual(['z']);
  });

  it('stores copies: changes to the input or to a read fact do not reach the store', () => {
    const input = { ...draft, attributes: { ...draft.attributes }, ref: { ...draft.ref! } };
    const store = FactStore.from([input]);
    (input.attributes as Record<string, unknown>).stage = '95.99';
    (input.ref as { id: string }).id = 'changed';
    const read = store.get(draft.id)!;
    (read.attributes as Record<string, unknown>).stage = '00.00';
    (read as { occurredAt: string }).occurredAt = '1999-01-01';
    expect(store.get(draft.id)).toEqual(draft);
  });

  it('snapshots deterministically whatever the order, and tells stores apart', () => {
    const other: Fact = { ...draft, id: 'a-first', seq: undefined };
    const a = FactStore.from([draft, other]);
    const b = FactStore.from([other, draft]);
    expect(a.equals(b)).toBe(true);
    expect(a.canonicalJson()).toBe(b.canonicalJson());
    expect(a.snapshot().map((f) => f.id)).toEqual(['a-first', draft.id]);
    b.retract('a-first');
    expect(a.equals(b)).toBe(false);
  });
});

// Event histories: each event upserts or retracts a fact; seq is its position in the stream.
type Event = { op: 'apply'; fact: Fact } | { op: 'retract'; id: string; seq: number };
type RawEvent = (seq: number) => Event;

const ids = fc.constantFrom('a', 'b', 'c', 'd', 'e');
const applyArb = fc
  .record({
    id: ids,
    kind: fc.constantFrom(...FACT_KINDS),
    day: fc.integer({ min: 0, max: 1300 }),
    sector: fc.option(fc.constantFrom('food', 'cement', 'tourism'), { nil: undefined }),
    stage: fc.constantFrom('20.00', '60.60', '95.99'),
    level: fc.constantFrom('local', 'national'),
    adopts: fc.boolean(),
  })
  .map(({ id, kind, day, sector, stage, level, adopts }): RawEvent => {
    const occurredAt = new Date(Date.UTC(2012, 11, 1) + day * 86_400_000).toISOString().slice(0, 10);
    const attributes = { sector, stage, level, adopts, inDistrict: true, workKind: 'formulate' as const };
    return (seq) => ({ op: 'apply', fact: { id, kind, occurredAt, attributes, seq } });
  });
const retractArb = ids.map((id): RawEvent => (seq) => ({ op: 'retract', id, seq }));
const historyArb = fc
  .array(fc.oneof({ weight: 4, arbitrary: applyArb }, { weight: 1, arbitrary: retractArb }), {
    maxLength: 40,
  })
  .map((raw) => raw.map((make, i) => make(i + 1)));

function replay(events: readonly Event[]): FactStore {
  const store = new FactStore();
  for (const e of events) {
    if (e.op === 'apply') store.applyFact(e.fact);
    else store.retract(e.id, e.seq);
  }
  return store;
}

/** Delivers each event in order, then re-delivers the chosen earlier events (at-least-once). */
function withRedeliveries(events: readonly Event[], picks: readonly number[][]): Event[] {
  return events.flatMap((e, k) => [e, ...(picks[k] ?? []).map((p) => events[p % (k + 1)]!)]);
}

describe('FactStore change detection', () => {
  // Facts that differ in one field at a time (or not at all) from each other, ref and seq included.
  const factArb = fc.record({
    id: fc.constantFrom('x', 'y'),
    kind: fc.constantFrom('standard-work' as const, 'enterprise-filing' as const),
    occurredAt: fc.constantFrom('2014-01-01', '2014-01-02'),
    attributes: fc.record(
      {
        sector: fc.constantFrom('food', 'cement', undefined),
        adopts: fc.boolean(),
        project: fc.constantFrom(1, 2),
      },
      { requiredKeys: [] },
    ),
    ref: fc.option(
      fc.record({
        service: fc.constant('registry'),
        type: fc.constant('standard'),
        id: fc.constantFrom('s1', 's2'),
      }),
      { nil: undefined },
    ),
    retracted: fc.option(fc.boolean(), { nil: undefined }),
    seq: fc.option(fc.constantFrom(5, 6), { nil: undefined }),
  });

  // The second fact: the first with at most one field replaced from another random fact.
  const FIELDS = ['none', 'kind', 'occurredAt', 'attributes', 'ref', 'retracted', 'seq'] as const;
  const pairArb = fc.tuple(factArb, factArb, fc.constantFrom(...FIELDS)).map(([first, other, field]) => {
    const second: Record<string, unknown> = { ...first };
    if (field !== 'none') second[field] = other[field];
    return [first, second as unknown as Fact] as const;
  });

  it('reports a change exactly when the canonical JSON of the stored fact changes', () => {
    fc.assert(
      fc.property(pairArb, ([first, second]) => {
        const store = new FactStore();
        store.applyFact(first);
        const before = canonicalJson(store.get(first.id));
        const stale = second.seq !== undefined && first.seq !== undefined && second.seq < first.seq;
        const differs = canonicalJson(FactStore.from([second]).get(first.id)) !== before;
        expect(store.applyFact(second)).toBe(differs && !stale);
        expect(canonicalJson(store.get(first.id)) !== before).toBe(differs && !stale);
      }),
      { numRuns: 500 },
    );
  });
});

describe('FactStore properties', () => {
  const scenario = historyArb.chain((events) =>
    fc.tuple(
      fc.constant(events),
      fc.array(fc.array(fc.nat(), { maxLength: 3 }), { minLength: events.length, maxLength: events.length }),
    ),
  );

  it('redeliveries (duplicates, late and out of order) leave the same snapshot as the clean history', () => {
    fc.assert(
      fc.property(scenario, ([events, picks]) => {
        const clean = replay(events);
        const redelivered = replay(withRedeliveries(events, picks));
        expect(redelivered.snapshot()).toEqual(clean.snapshot());
        expect(redelivered.equals(clean)).toBe(true);
      }),
    );
  });

  it('a duplicated sequence equals its de-duplicated sequence, even without seq', () => {
    const facts = fc.array(
      fc
        .record({ id: fc.constantFrom('a', 'b', 'c'), town: fc.constantFrom('x', 'y') })
        .map(({ id, town }): Fact => ({
          id,
          kind: 'enterprise-filing',
          occurredAt: '2014-01-01',
          attributes: { town },
        })),
      { maxLength: 20 },
    );
    fc.assert(
      fc.property(facts, fc.array(fc.nat({ max: 3 }), { maxLength: 20 }), (seq, times) => {
        const duplicated = seq.flatMap((f, i) => Array.from({ length: 1 + (times[i] ?? 0) }, () => f));
        const store = FactStore.from(duplicated);
        expect(store.equals(FactStore.from(seq))).toBe(true);
        // Whatever was applied last for an id is what the store holds: applying it again is a no-op.
        for (const last of new Map(seq.map((f) => [f.id, f])).values())
          expect(store.applyFact(last)).toBe(false);
      }),
    );
  });

  it('a view rebuilt from the clean history equals the live one fed with redeliveries', () => {
    fc.assert(
      fc.property(scenario, ([events, picks]) => {
        const live = replay(withRedeliveries(events, picks));
        const rebuilt = replay(events);
        const asOf = new Date('2015-12-31T12:00:00+08:00');
        const peers = [{ district: 'Yongchuan', total: 2 }];
        expect(evaluatePlan(SEED_PLAN, rebuilt, asOf, ALL_SOURCES, peers)).toEqual(
          evaluatePlan(SEED_PLAN, live, asOf, ALL_SOURCES, peers),
        );
      }),
      { numRuns: 50 },
    );
  });
});
