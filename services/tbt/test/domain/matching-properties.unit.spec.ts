import { hsEntries, icsEntries } from '@highland/reference-data';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseEpingCsv } from '../../src/adapters/eping/csv.js';
import { compileKeyword, findKeyword, prepareText, scanKeyword } from '../../src/domain/keywords.js';
import {
  naiveMatch,
  prepareNotification,
  ProfileIndex,
  type MatchableNotification,
} from '../../src/domain/matching/index.js';
import type { ExporterProfile } from '../../src/domain/profile.js';
import { sampleText } from '../fixtures/eping-sample.js';

// Small vocabularies, so generated profiles and notifications overlap often and every rule fires.
const HS = [
  '85',
  '8504',
  '850440',
  '8507',
  '850760',
  '84',
  '8436',
  '843621',
  '32',
  '3208',
  '320890',
  '3210',
  '04',
  '0401',
];
const NOTIFICATION_HS = [...HS, '84362', '850110'];
const ICS = ['13', '13.020', '13.020.10', '29', '29.220', '29.220.30', '87', '87.040', '67', '67.040'];
const MARKETS = ['EU', 'DEU', 'FRA', 'USA', 'CHN', 'GBR', 'TPKM'];
const KEYWORDS = [
  'battery',
  'lithium battery',
  'paint',
  'Toys',
  'safety',
  'food safety',
  'e-bike',
  '锂电池',
  '电池',
  '安全',
  'Café',
];
const WORDS = [
  'Batteries',
  'battery',
  'lithium',
  'paints',
  'toy',
  'safety',
  'food',
  'e-bikes',
  'cafe',
  'the',
  'of',
  'and',
  '锂电池',
  '电池安全',
  '涂料',
  'CAFÉ',
];
const OBJECTIVES = [
  'Protection of human health or safety (TBT)',
  'Food safety (SPS)',
  'Quality requirements (TBT)',
];

const sub = <T>(values: readonly T[], max = 3) =>
  fc.uniqueArray(fc.constantFrom(...values), { maxLength: max });
const text = fc.array(fc.constantFrom(...WORDS), { maxLength: 12 }).map((w) => w.join(' '));

const profiles = fc
  .array(
    fc.record({
      enterpriseId: fc.constantFrom('e1', 'e2', 'e3'),
      hs: sub(HS),
      ics: sub(ICS, 2),
      markets: sub(MARKETS, 2),
      keywords: sub(KEYWORDS, 2),
      objectives: sub(['safety', 'quality', 'food'], 1),
      areas: sub(['TBT', 'SPS'] as const, 1),
    }),
    { maxLength: 40 },
  )
  .map((list) => list.map((p, i): ExporterProfile => ({ id: `p${i}`, ...p })));

const notification: fc.Arbitrary<MatchableNotification> = fc.record({
  member: fc.constantFrom(...MARKETS, 'KOR', 'ITA'),
  area: fc.constantFrom('TBT' as const, 'SPS' as const),
  hsCodes: sub(NOTIFICATION_HS, 4),
  icsCodes: sub(ICS, 2),
  title: text,
  description: text,
  products: text,
  keywords: fc.array(text, { maxLength: 3 }),
  objectives: sub(OBJECTIVES, 2),
});

describe('index and naive scan agree', () => {
  it('on generated profiles and notifications (same matches, same reasons, same order)', () => {
    const rules = new Map<string, number>();
    fc.assert(
      fc.property(profiles, notification, (list, n) => {
        const found = new ProfileIndex(list).match(n);
        expect(found).toEqual(naiveMatch(list, n));
        for (const reason of found.flatMap((m) => m.reasons))
          rules.set(reason.rule, (rules.get(reason.rule) ?? 0) + 1);
      }),
      { numRuns: 500 },
    );
    // The generators exercise every rule, not only the easy ones.
    for (const rule of ['hs', 'ics', 'keyword', 'objective', 'market', 'area']) {
      expect(rules.get(rule) ?? 0, rule).toBeGreaterThan(20);
    }
  });

  it('after replacing and removing profiles', () => {
    fc.assert(
      fc.property(
        profiles,
        profiles,
        fc.array(fc.nat(), { maxLength: 10 }),
        notification,
        (first, second, drops, n) => {
          const index = new ProfileIndex(first);
          for (const p of second) index.add(p); // same ids: replaces
          const live = new Map([...first, ...second].map((p) => [p.id, p]));
          for (const d of drops) {
            const id = `p${d % 40}`;
            index.remove(id);
            live.delete(id);
          }
          const byId = (a: { profileId: string }, b: { profileId: string }) =>
            a.profileId < b.profileId ? -1 : 1;
          expect(index.match(n).sort(byId)).toEqual(naiveMatch([...live.values()], n).sort(byId));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('keyword lookup by positions equals a full token scan', () => {
    fc.assert(
      fc.property(fc.constantFrom(...KEYWORDS, 'food safety battery', 'of the'), text, (keyword, t) => {
        const pattern = compileKeyword(keyword)!;
        const prepared = prepareText(t);
        expect(findKeyword(pattern, prepared)).toEqual(scanKeyword(pattern, prepared));
      }),
      { numRuns: 500 },
    );
  });
});

describe('at scale', () => {
  it('20,000 profiles: the index agrees with the scan on the real sample, and is much faster', () => {
    let seed = 7;
    const random = () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const pick = <T>(values: readonly T[]) => values[Math.floor(random() * values.length)]!;
    const hs = [...hsEntries().keys()].filter((c) => c.length === 6);
    const ics = [...icsEntries().keys()];
    const vocabulary = [
      'milk',
      'paint',
      'poultry',
      'battery',
      'toy',
      'cocoa',
      'foot and mouth disease',
      '锂电池',
    ];
    for (let i = 0; i < 3000; i += 1) vocabulary.push(`term${i}`);
    const list: ExporterProfile[] = Array.from({ length: 20_000 }, (_, i) => ({
      id: `p${i}`,
      enterpriseId: `e${i % 5000}`,
      hs: Array.from({ length: 1 + Math.floor(random() * 3) }, () =>
        pick(hs).slice(0, random() < 0.5 ? 4 : 6),
      ),
      ics: random() < 0.3 ? [pick(ics)] : [],
      markets: Array.from({ length: Math.floor(random() * 3) }, () =>
        pick(['USA', 'EU', 'DEU', 'JPN', 'KOR', 'RUS', 'THA']),
      ),
      keywords: Array.from({ length: Math.floor(random() * 3) }, () => pick(vocabulary)),
      objectives: [],
      areas: random() < 0.3 ? ['TBT'] : [],
    }));
    const result = parseEpingCsv(sampleText());
    if (!result.ok) throw new Error(result.error.reason);
    const notifications = result.rows.map((r) => prepareNotification(r.draft));
    const index = new ProfileIndex(list);
    let indexMs = 0;
    let scanMs = 0;
    let matches = 0;
    for (const n of notifications) {
      let t = performance.now();
      const fast = index.match(n);
      indexMs += performance.now() - t;
      t = performance.now();
      const slow = naiveMatch(list, n);
      scanMs += performance.now() - t;
      expect(fast).toEqual(slow);
      matches += fast.length;
    }
    expect(matches).toBeGreaterThan(100);
    // A loose bound (shared CI machines are noisy); the benchmark measures the real ratio.
    expect(scanMs / indexMs).toBeGreaterThan(5);
  }, 60_000);
});
