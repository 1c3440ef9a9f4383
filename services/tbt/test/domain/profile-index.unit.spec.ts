import { hsEntries, icsEntries } from '@highland/reference-data';
import { describe, expect, it } from 'vitest';
import { compileKeyword, findKeyword, prepareText } from '../../src/domain/keywords.js';
import {
  naiveMatch,
  ProfileIndex,
  type MatchableNotification,
  type ProfileMatch,
} from '../../src/domain/matching/index.js';
import type { ExporterProfile } from '../../src/domain/profile.js';

// The index's machinery at a size the property tests do not reach: postings compacted several
// times while profiles come one by one (as from events), replaced and removed in between,
// records too long to keep inline, markets covering many members (EU). Always against the
// naive scan, which applies the rules pair by pair.

function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const random = rng(20_261_126);
const int = (n: number) => Math.floor(random() * n);
const pick = <T>(values: readonly T[]): T => values[int(values.length)]!;
const some = <T>(max: number, make: () => T): T[] => Array.from({ length: int(max + 1) }, make);

// Few chapters, so codes share prefixes and every HS path (above, at, under) is taken.
const HS = [...hsEntries().keys()].filter((c) => ['85', '84', '04', '32', '87'].includes(c.slice(0, 2)));
const ICS = [...icsEntries().keys()].filter((c) => ['13', '29', '43', '67'].includes(c.slice(0, 2)));
const MARKETS = ['EU', 'DEU', 'FRA', 'ITA', 'usa', 'CHN', 'JPN', 'KOR', 'RUS', 'GBR', 'TPKM', 'MWI', 'XXX'];
const MEMBERS = ['EU', 'DEU', 'FRA', 'USA', 'CHN', 'JPN', 'RUS', 'GBR', 'TPKM', 'MWI', 'BRA'];
const KEYWORDS = [
  'battery',
  'lithium battery',
  'Lithium Batteries',
  'paint',
  'food safety',
  'safety of toys',
  'e-bike',
  'Café',
  '锂电池',
  '电池',
  '电𠀀池', // a CJK character outside the BMP second
  'milk powder',
  'the',
];
const WORDS = [
  'batteries',
  'Battery',
  'lithium',
  'paints',
  'food',
  'safety',
  'of',
  'toys',
  'e-bikes',
  'CAFE',
  'cafés',
  'milk',
  'powder',
  'the',
  '锂电池',
  '电𠀀池安全',
  'regulation',
];
const OBJECTIVES = ['Human health', 'Food safety', 'Quality requirements', 'Protection of the environment'];

let serial = 0;
function profile(id = `p${serial++}`): ExporterProfile {
  const long = random() < 0.05; // more values than a record keeps inline
  return {
    id,
    enterpriseId: `e${int(50)}`,
    hs: some(long ? 20 : 3, () => pick(HS)),
    ics: some(long ? 4 : 2, () => pick(ICS)),
    markets: random() < 0.2 ? [] : some(long ? 18 : 3, () => pick(MARKETS)),
    keywords: some(2, () => pick(KEYWORDS)),
    objectives: some(1, () => pick(OBJECTIVES)),
    areas: pick([[], [], ['TBT'], ['SPS'], ['TBT', 'SPS']] as const),
  };
}

const text = () => some(10, () => pick(WORDS)).join(' ');

function notification(): MatchableNotification {
  return {
    member: pick(MEMBERS),
    area: pick(['TBT', 'SPS'] as const),
    // Codes of every length, and some no profile has.
    hsCodes: some(4, () => pick(HS).slice(0, pick([2, 4, 5, 6]))),
    icsCodes: some(2, () => {
      const code = pick(ICS);
      return random() < 0.3 ? code.split('.')[0]! : code;
    }),
    title: text(),
    description: text(),
    products: random() < 0.8 ? text() : '',
    keywords: some(3, text),
    objectives: some(2, () => pick(OBJECTIVES)),
  };
}

const sameAs = (
  found: ProfileMatch[],
  live: ReadonlyMap<string, ExporterProfile>,
  n: MatchableNotification,
) => expect(found).toEqual(naiveMatch([...live.values()], n));

describe('ProfileIndex against the naive scan', () => {
  it('fed one profile at a time, with replacements and removals, across compactions', () => {
    const index = new ProfileIndex();
    // In the index's order: a replaced profile moves to the end, as it gets a new slot.
    const live = new Map<string, ExporterProfile>();
    const notifications = Array.from({ length: 60 }, notification);
    let matches = 0;
    for (let i = 0; i < 6000; i += 1) {
      const roll = random();
      if (roll < 0.2 && live.size > 0) {
        const id = pick([...live.keys()]);
        const replacement = profile(id);
        index.add(replacement);
        live.delete(id);
        live.set(id, replacement);
      } else if (roll < 0.27 && live.size > 0) {
        const id = pick([...live.keys()]);
        expect(index.remove(id)).toBe(true);
        live.delete(id);
      } else {
        const p = profile();
        index.add(p);
        live.set(p.id, p);
      }
      if (i % 1500 === 1499) {
        if (i === 2999) index.compact(); // as after a replay; otherwise some postings wait uncompacted
        expect(index.size).toBe(live.size);
        for (const n of notifications) {
          const found = index.match(n);
          sameAs(found, live, n);
          matches += found.length;
        }
      }
    }
    expect(matches).toBeGreaterThan(1000);
  }, 60_000);

  it('built at once, then rebuilt after most profiles are removed', () => {
    const all = Array.from({ length: 4000 }, () => profile());
    const index = new ProfileIndex(all);
    const live = new Map(all.map((p) => [p.id, p]));
    const notifications = Array.from({ length: 40 }, notification);
    for (const n of notifications) sameAs(index.match(n), live, n);
    for (const p of all.slice(0, 2600)) {
      index.remove(p.id);
      live.delete(p.id);
    }
    for (const n of notifications) sameAs(index.match(n), live, n);
  }, 60_000);

  it('finds a CJK keyword with a character outside the BMP among its first two', () => {
    const pattern = compileKeyword('电𠀀池')!;
    expect(findKeyword(pattern, prepareText('规定电𠀀池安全'))).toBe('电𠀀池');
    const p: ExporterProfile = {
      id: 'cjk',
      enterpriseId: 'e',
      hs: [],
      ics: [],
      markets: [],
      keywords: ['电𠀀池'],
      objectives: [],
      areas: [],
    };
    const n: MatchableNotification = {
      member: 'CHN',
      area: 'TBT',
      hsCodes: [],
      icsCodes: [],
      title: '规定电𠀀池安全',
      description: '',
      keywords: [],
      objectives: [],
    };
    expect(new ProfileIndex([p]).match(n)).toEqual(naiveMatch([p], n));
    expect(naiveMatch([p], n)).toHaveLength(1);
  });
});
