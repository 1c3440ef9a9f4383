// The standards' indexes against the obvious scan: random standards, random changes, random queries.
import { NATIONAL_STAGES, STANDARD_LEVELS } from '@highland/contracts';
import { describe, expect, it } from 'vitest';
import type { StandardState } from '../../src/domain/aggregates/state.js';
import {
  type ListStandardsParams,
  ListStandardsQuery,
  standardFilter,
} from '../../src/queries/list-standards.js';
import { Bitset, SlotList } from '../../src/queries/slot-sets.js';
import { StandardsIndex } from '../../src/queries/standards-index.js';

/** mulberry32: the same seed, the same run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const LEVELS = [...STANDARD_LEVELS];
const STAGES = NATIONAL_STAGES.filter((s) => s !== 'superseded' && s !== 'cancelled');
const KINDS = ['formulate', 'revise', 'adopt', 'existing'];
const SECTORS = ['agriculture', 'food', 'machinery', 'energy', 'services', 'rare sector'];
const ORGS = ['Org A', 'Org B', 'Org C', 'Org D', 'Org E', 'Org F', 'Org G'];
const ICS = ['67', '67.050', '67.050.10', '67.060', '01.040.67', '13.020.01', '13.020.99', '91.100.10'];
const PREFIXES = ['GB/T', 'GB', 'GB/Z', 'DB50/T', 'JB/T', 'T/CAS', 'ISO', 'ISO/IEC', 'Q/CQAB'];

function generator(random: () => number) {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const date = () =>
    `${1990 + Math.floor(random() * 36)}-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`;
  const code = () =>
    `${pick(PREFIXES)} ${Math.floor(random() * 300)}${random() < 0.3 ? `.${Math.floor(random() * 5)}` : ''}-${2000 + Math.floor(random() * 26)}`;
  const standard = (): StandardState => {
    const published = random() < 0.6;
    const lead = random() < 0.9 ? pick(ORGS) : undefined;
    return {
      kind: 'standard',
      code: code(),
      level: pick(LEVELS),
      body: 'X',
      nature: 'recommended',
      title: { zh: '标准' },
      ics: Array.from({ length: Math.floor(random() * 3) }, () => pick(ICS)),
      ccs: [],
      sector: pick(SECTORS),
      ...(random() < 0.4 ? { project: 1 + Math.floor(random() * 5) } : {}),
      work: { kind: pick(KINDS) },
      stage: published ? 'published' : pick(STAGES),
      isoStage: '60.60',
      ...(lead ? { leadOrganisation: lead } : {}),
      participants: [...new Set(Array.from({ length: Math.floor(random() * 3) }, () => pick(ORGS)))],
      inDistrict: random() < 0.5,
      ...(published ? { publishedOn: date() } : {}),
      recordedBy: { department: 'office', user: 'test' },
      recordedAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
      stageHistory: [],
    } as StandardState;
  };
  const change = (s: StandardState): StandardState => {
    const r = random();
    if (r < 0.4) return { ...s, stage: pick(STAGES) };
    if (r < 0.6) return { ...s, stage: 'published', publishedOn: date() };
    if (r < 0.75) return { ...s, participants: [pick(ORGS)], ics: [pick(ICS)] };
    if (r < 0.85) return { ...s, sector: pick(SECTORS), inDistrict: !s.inDistrict };
    return { ...s, code: code() };
  };
  const query = (): ListStandardsParams => {
    const raw: Record<string, string> = {};
    const filters: Array<() => void> = [
      () => (raw.level = pick(LEVELS)),
      () => (raw.stage = pick(STAGES)),
      () => (raw.kind = pick(KINDS)),
      () => (raw.sector = pick(SECTORS)),
      () => (raw.project = String(1 + Math.floor(random() * 5))),
      () => (raw.inDistrict = pick(['true', 'false'])),
      () => (raw.organisation = pick([...ORGS, 'Nobody'])),
      () => (raw.ics = pick(['67', '67.050', '13', '13.020', '01.040.67', '91', '35'])),
      () => {
        const c = code();
        raw.code = c.slice(0, Math.floor(random() * (c.length + 1))).toLowerCase();
      },
      () => (raw.publishedFrom = date()),
      () => (raw.publishedTo = date()),
    ];
    const n = Math.floor(random() * 4);
    for (let i = 0; i < n; i++) pick(filters)();
    if (raw.publishedFrom && raw.publishedTo && raw.publishedFrom > raw.publishedTo)
      [raw.publishedFrom, raw.publishedTo] = [raw.publishedTo, raw.publishedFrom];
    raw.limit = String(pick([1, 5, 20, 100, 500]));
    raw.offset = String(pick([0, 0, 1, 7, 50, 200, 5000]));
    return ListStandardsQuery.parse(raw);
  };
  return { standard, change, query };
}

/** The scan the index replaces: every standard, in code order (then arrival), tested one by one. */
function naive(states: Array<{ id: string; s: StandardState }>, q: ListStandardsParams) {
  const code = q.code?.toUpperCase();
  const ics = q.ics?.replace(/\.+$/, '');
  const inDistrict = q.inDistrict === undefined ? undefined : q.inDistrict === 'true';
  const matching = states
    .map((e, arrival) => ({ ...e, arrival }))
    .filter(({ s }) => {
      const lead = s.leadOrganisation ?? '';
      const published = s.publishedOn ?? '';
      return (
        (!q.level || s.level === q.level) &&
        (!q.stage || s.stage === q.stage) &&
        (!q.sector || s.sector === q.sector) &&
        (!q.kind || s.work.kind === q.kind) &&
        (!q.project || (s.project ?? 0) === q.project) &&
        (inDistrict === undefined || s.inDistrict === inDistrict) &&
        (!code || s.code.startsWith(code)) &&
        (!q.publishedFrom || (published !== '' && published >= q.publishedFrom)) &&
        (!q.publishedTo || (published !== '' && published <= q.publishedTo)) &&
        (!ics || s.ics.some((c) => c === ics || c.startsWith(`${ics}.`))) &&
        (!q.organisation || lead === q.organisation || s.participants.includes(q.organisation))
      );
    })
    .sort((a, b) => (a.s.code < b.s.code ? -1 : a.s.code > b.s.code ? 1 : a.arrival - b.arrival));
  return {
    total: matching.length,
    ids: matching.slice(q.offset, q.offset + q.limit).map((e) => e.id),
  };
}

describe('StandardsIndex', () => {
  it.each([1, 2, 3, 4])('answers like a scan over random standards and changes (seed %i)', (seed) => {
    const random = prng(seed);
    const gen = generator(random);
    const index = new StandardsIndex();
    const states: Array<{ id: string; s: StandardState }> = [];
    let queries = 0;
    let nonEmpty = 0;
    for (let round = 0; round < 50; round++) {
      // Arrivals in bursts of very different sizes, so both ways of merging the code order run.
      const arrivals = round === 10 ? 3_000 : Math.floor(random() * (round < 5 ? 200 : 30));
      for (let i = 0; i < arrivals; i++) {
        const id = `std-${states.length}`;
        const s = gen.standard();
        states.push({ id, s });
        index.upsert(id, s);
      }
      const changes = Math.floor(random() * 40);
      for (let i = 0; i < changes && states.length; i++) {
        const e = states[Math.floor(random() * states.length)]!;
        e.s = gen.change(e.s);
        index.upsert(e.id, e.s);
      }
      if (random() < 0.3) index.flush();
      for (let i = 0; i < 25; i++) {
        const q = gen.query();
        const expected = naive(states, q);
        expect(index.query(standardFilter(q), q.offset, q.limit), JSON.stringify(q)).toEqual(expected);
        queries++;
        if (expected.total > 0) nonEmpty++;
      }
    }
    expect(index.size).toBe(states.length);
    // The random queries must exercise matches, not only empty answers.
    expect(nonEmpty).toBeGreaterThan(queries / 3);
  });

  it('pages through everything in code order without a filter, and through a code prefix', () => {
    const index = new StandardsIndex();
    const codes = ['GB/T 3-2020', 'GB 1-2020', 'GB/T 10-2020', 'DB50/T 7-2021', 'GB/T 2-2019'];
    codes.forEach((code, i) =>
      index.upsert(`s${i}`, {
        code,
        level: 'national',
        stage: 'published',
        sector: 's',
        work: { kind: 'existing' },
        inDistrict: true,
        ics: [],
        participants: [],
      } as unknown as StandardState),
    );
    expect(index.query({}, 0, 10)).toEqual({ total: 5, ids: ['s3', 's1', 's2', 's4', 's0'] });
    expect(index.query({}, 3, 10)).toEqual({ total: 5, ids: ['s4', 's0'] });
    expect(index.query({ codePrefix: 'GB/T ' }, 1, 1)).toEqual({ total: 3, ids: ['s4'] });
    expect(index.query({ codePrefix: 'GB/T 1' }, 0, 10)).toEqual({ total: 1, ids: ['s2'] });
    expect(index.query({ codePrefix: 'ISO' }, 0, 10)).toEqual({ total: 0, ids: [] });
  });
});

describe('slot sets', () => {
  it('Bitset and SlotList agree with a Set under random adds and deletes', () => {
    const random = prng(42);
    const bits = new Bitset(8);
    const list = new SlotList();
    const set = new Set<number>();
    for (let i = 0; i < 20_000; i++) {
      const slot = Math.floor(random() * (i < 10_000 ? 5_000 : 70_000));
      if (random() < 0.65) {
        bits.add(slot);
        list.add(slot);
        set.add(slot);
      } else {
        bits.delete(slot);
        list.delete(slot);
        set.delete(slot);
      }
    }
    const expected = [...set].sort((a, b) => a - b);
    expect(bits.size).toBe(set.size);
    expect(list.size).toBe(set.size);
    const out = new Int32Array(set.size);
    expect([...out.subarray(0, bits.collect(out))]).toEqual(expected);
    expect([...out.subarray(0, list.collect(out))]).toEqual(expected);
    expect([...list.slots()]).toEqual(expected);
    for (let slot = 0; slot < 70_000; slot += 7) {
      expect(bits.has(slot)).toBe(set.has(slot));
      expect(list.has(slot)).toBe(set.has(slot));
    }
    const words = new Uint32Array((70_000 + 31) >>> 5);
    list.setBits(words);
    expect(Array.from(words)).toEqual(Array.from(bits.words.subarray(0, words.length)));
  });
});
