import { describe, expect, it } from 'vitest';
import {
  inferredMatches,
  matchProfile,
  naiveMatch,
  ProfileIndex,
  type MatchableNotification,
} from '../../src/domain/matching/index.js';
import { parseExporterProfile, type ExporterProfile } from '../../src/domain/profile.js';
import { parseEpingCsv } from '../../src/adapters/eping/csv.js';
import { sampleText } from '../fixtures/eping-sample.js';

function profile(partial: Partial<ExporterProfile> & { id: string }): ExporterProfile {
  return {
    enterpriseId: `ent-${partial.id}`,
    hs: [],
    ics: [],
    markets: [],
    keywords: [],
    objectives: [],
    areas: [],
    ...partial,
  };
}

const batteries: MatchableNotification = {
  member: 'DEU',
  area: 'TBT',
  hsCodes: ['850760', '85'],
  icsCodes: ['29.220.30'],
  title: 'Draft regulation on portable Batteries and lithium-ion accumulators',
  description: '本法规规定了锂电池的安全要求. Labelling of batteries for e-bikes.',
  products: 'Lithium batteries',
  keywords: ['Safety', 'Batteries'],
  objectives: ['Protection of human health or safety (TBT)', 'Consumer information, labelling (TBT)'],
};

describe('parseExporterProfile', () => {
  it('normalises codes, markets and areas', () => {
    const result = parseExporterProfile({
      id: ' p1 ',
      enterpriseId: 'e1',
      hs: ['8504.40', '8504', '8504'],
      ics: ['29.220'],
      markets: ['eu', 'DE', 'usa'],
      keywords: ['battery', 'Battery'],
      areas: ['tbt'],
    });
    expect(result).toEqual({
      ok: true,
      profile: {
        id: 'p1',
        enterpriseId: 'e1',
        hs: ['850440', '8504'],
        ics: ['29.220'],
        markets: ['EU', 'DEU', 'USA'],
        keywords: ['battery'],
        objectives: [],
        areas: ['TBT'],
      },
    });
  });

  it.each([
    [{ hs: ['850'] }, "hs[0] '850' must have 2, 4 or 6 digits"],
    [{ hs: ['9999'] }, "hs[0] '9999' is not an HS 2022 code"],
    [{ ics: ['13.02'] }, "ics[0] '13.02' is not an ICS code"],
    [
      { hs: ['85'], markets: ['Atlantis'] },
      "markets[0] 'Atlantis' is not a WTO member code (e.g. USA, EU, DEU)",
    ],
    [{ keywords: ['—'] }, "keywords[0] '—' has no letter or digit to match"],
    [{ hs: ['85'], areas: ['WTO'] }, "areas[0] 'WTO' must be one of TBT, SPS"],
    [{ markets: ['USA'] }, 'a profile needs at least one HS code, ICS code or keyword to match anything'],
  ])('refuses %j: %s', (input, reason) => {
    const result = parseExporterProfile({ id: 'p', enterpriseId: 'e', ...input });
    expect(result).toMatchObject({ ok: false, error: { reason } });
  });
});

describe('matching explains itself', () => {
  it('HS prefixes both ways: a profile on 8504 sees 85 and 850440; 850760 sees 8507', () => {
    const match = matchProfile(profile({ id: 'a', hs: ['8504', '8507'] }), batteries);
    expect(match?.reasons.filter((r) => r.rule === 'hs')).toEqual([
      { rule: 'hs', profileValue: '8504', notificationValue: '85', field: 'hsCodes' },
      { rule: 'hs', profileValue: '8507', notificationValue: '85', field: 'hsCodes' },
      { rule: 'hs', profileValue: '8507', notificationValue: '850760', field: 'hsCodes' },
    ]);
  });

  it('ICS prefixes both ways, on whole segments', () => {
    const hit = matchProfile(profile({ id: 'b', ics: ['29.220', '29.220.20'] }), batteries);
    expect(hit?.reasons.filter((r) => r.rule === 'ics').map((r) => r.profileValue)).toEqual(['29.220']);
    expect(matchProfile(profile({ id: 'c', ics: ['29.22'] }), batteries)).toBeUndefined();
    const wider = { ...batteries, icsCodes: ['29'] };
    expect(matchProfile(profile({ id: 'd', ics: ['29.220.30'] }), wider)?.reasons[0]).toEqual({
      rule: 'ics',
      profileValue: '29.220.30',
      notificationValue: '29',
      field: 'icsCodes',
    });
  });

  it('keywords: words and phrases in any case, plurals folded, each field that has them', () => {
    const match = matchProfile(
      profile({ id: 'k', keywords: ['battery', 'lithium-ion accumulator', 'e-bike', 'lead'] }),
      batteries,
    );
    expect(match?.reasons.filter((r) => r.rule === 'keyword')).toEqual([
      { rule: 'keyword', profileValue: 'battery', notificationValue: 'batteries', field: 'description' },
      { rule: 'keyword', profileValue: 'e-bike', notificationValue: 'e-bikes', field: 'description' },
      { rule: 'keyword', profileValue: 'battery', notificationValue: 'Batteries', field: 'keywords' },
      { rule: 'keyword', profileValue: 'battery', notificationValue: 'batteries', field: 'products' },
      { rule: 'keyword', profileValue: 'battery', notificationValue: 'Batteries', field: 'title' },
      {
        rule: 'keyword',
        profileValue: 'lithium-ion accumulator',
        notificationValue: 'lithium-ion accumulators',
        field: 'title',
      },
    ]);
    expect(matchProfile(profile({ id: 'l', keywords: ['lab'] }), batteries)).toBeUndefined(); // not "Labelling"
  });

  it('keywords: Chinese matches as a substring', () => {
    const match = matchProfile(profile({ id: 'zh', keywords: ['锂电池'] }), batteries);
    expect(match?.reasons[0]).toEqual({
      rule: 'keyword',
      profileValue: '锂电池',
      notificationValue: '锂电池',
      field: 'description',
    });
    expect(matchProfile(profile({ id: 'zh2', keywords: ['钠电池'] }), batteries)).toBeUndefined();
  });

  it('markets: the EU covers its member States and the other way round', () => {
    const onEu = profile({ id: 'eu', hs: ['85'], markets: ['EU'] });
    const onDeu = profile({ id: 'de', hs: ['85'], markets: ['DEU'] });
    const onUsa = profile({ id: 'us', hs: ['85'], markets: ['USA'] });
    const byEu = { ...batteries, member: 'EU' };
    expect(matchProfile(onEu, batteries)?.reasons.at(-2)).toEqual({
      rule: 'market',
      profileValue: 'EU',
      notificationValue: 'DEU',
      field: 'member',
    });
    expect(matchProfile(onDeu, byEu)?.reasons.at(-2)).toEqual({
      rule: 'market',
      profileValue: 'DEU',
      notificationValue: 'EU',
      field: 'member',
    });
    expect(matchProfile(onDeu, { ...batteries, member: 'FRA' })).toBeUndefined();
    expect(matchProfile(onUsa, byEu)).toBeUndefined();
    expect(matchProfile(profile({ id: 'any', hs: ['85'] }), byEu)?.reasons.at(-2)).toEqual({
      rule: 'market',
      profileValue: '*',
      notificationValue: 'EU',
      field: 'member',
    });
  });

  it('areas filter; a match needs market AND area AND one of HS, ICS, keyword', () => {
    expect(matchProfile(profile({ id: 'sps', hs: ['85'], areas: ['SPS'] }), batteries)).toBeUndefined();
    expect(
      matchProfile(profile({ id: 'tbt', hs: ['85'], areas: ['TBT'] }), batteries)?.reasons.at(-1),
    ).toEqual({
      rule: 'area',
      profileValue: 'TBT',
      notificationValue: 'TBT',
      field: 'area',
    });
    // Market and area agree but nothing about the product does: no match.
    expect(
      matchProfile(profile({ id: 'none', hs: ['03'], markets: ['DEU'], areas: ['TBT'] }), batteries),
    ).toBeUndefined();
  });

  it('objectives explain a match but never make one', () => {
    const withObjective = profile({ id: 'o', hs: ['8507'], objectives: ['health or safety'] });
    expect(matchProfile(withObjective, batteries)?.reasons.find((r) => r.rule === 'objective')).toEqual({
      rule: 'objective',
      profileValue: 'health or safety',
      notificationValue: 'Protection of human health or safety (TBT)',
      field: 'objectives',
    });
    expect(
      matchProfile(profile({ id: 'o2', keywords: ['zzz'], objectives: ['safety'] }), batteries),
    ).toBeUndefined();
  });
});

describe('ProfileIndex', () => {
  const profiles = [
    profile({ id: 'p1', hs: ['8507'] }),
    profile({ id: 'p2', ics: ['29.220'], markets: ['EU'] }),
    profile({ id: 'p3', keywords: ['锂电池'], markets: ['USA'] }),
    profile({ id: 'p4', keywords: ['accumulator'], areas: ['TBT'] }),
    profile({ id: 'p5', hs: ['03'] }),
  ];

  it('finds what the naive scan finds, in the order profiles were added', () => {
    const index = new ProfileIndex(profiles);
    expect(index.size).toBe(5);
    expect(index.match(batteries)).toEqual(naiveMatch(profiles, batteries));
    expect(index.match(batteries).map((m) => m.profileId)).toEqual(['p1', 'p2', 'p4']);
  });

  it('replaces a profile with the same id and forgets removed ones', () => {
    const index = new ProfileIndex(profiles);
    index.add(profile({ id: 'p5', hs: ['850760'] }));
    expect(index.remove('p1')).toBe(true);
    expect(index.remove('p1')).toBe(false);
    expect(index.has('p1')).toBe(false);
    expect(index.get('p5')?.hs).toEqual(['850760']);
    expect(index.match(batteries).map((m) => m.profileId)).toEqual(['p2', 'p4', 'p5']);
  });

  it('rebuilds itself after many removals and still agrees', () => {
    const many = Array.from({ length: 3000 }, (_, i) =>
      profile({ id: `m${i}`, hs: [i % 2 === 0 ? '8507' : '0301'] }),
    );
    const index = new ProfileIndex(many);
    for (let i = 0; i < 2000; i += 1) index.remove(`m${i}`);
    const rest = many.slice(2000);
    expect(index.size).toBe(1000);
    expect(index.match(batteries)).toEqual(naiveMatch(rest, batteries));
  });

  it('matches the real sample: a paint exporter to Malawi, a dairy exporter to the EU', () => {
    const result = parseEpingCsv(sampleText());
    if (!result.ok) throw new Error(result.error.reason);
    const paint = profile({ id: 'paint', hs: ['320890'], ics: ['87.040'], markets: ['MWI'] });
    const dairy = profile({
      id: 'dairy',
      hs: ['0402'],
      keywords: ['milk'],
      markets: ['EU', 'TPKM'],
      areas: ['TBT'],
    });
    const index = new ProfileIndex([paint, dairy]);
    const hits = result.rows.flatMap((r) =>
      index
        .match(r.draft)
        .map((m) => [
          r.line,
          m.profileId,
          m.reasons.map((x) => `${x.rule}:${x.profileValue}~${x.notificationValue}`).join(' '),
        ]),
    );
    expect(hits).toEqual([
      [5, 'paint', 'ics:87.040~87.040 market:MWI~MWI area:*~TBT'],
      [11, 'paint', 'hs:320890~32 ics:87.040~87.040 market:MWI~MWI area:*~TBT'],
      [19, 'paint', 'hs:320890~32 ics:87.040~87.040 market:MWI~MWI area:*~TBT'],
      [22, 'dairy', 'hs:0402~0402 keyword:milk~Milk keyword:milk~Milk market:TPKM~TPKM area:TBT~TBT'],
    ]);
  });
});

describe('inferredMatches', () => {
  it('alerts enterprises whose registered standards share ICS codes, skipping those already alerted', () => {
    const registry = new Map([
      ['ent-a', ['29.220.30', '13.020']],
      ['ent-b', ['29']],
      ['ent-c', ['29.120']],
      ['ent-d', ['29.220.20']],
    ]);
    expect(inferredMatches(batteries, registry)).toEqual([
      {
        enterpriseId: 'ent-a',
        inferred: true,
        reasons: [
          { rule: 'ics', profileValue: '29.220.30', notificationValue: '29.220.30', field: 'icsCodes' },
        ],
      },
      {
        enterpriseId: 'ent-b',
        inferred: true,
        reasons: [{ rule: 'ics', profileValue: '29', notificationValue: '29.220.30', field: 'icsCodes' }],
      },
    ]);
    expect(
      inferredMatches(batteries, registry, { exclude: new Set(['ent-a']) }).map((m) => m.enterpriseId),
    ).toEqual(['ent-b']);
    expect(inferredMatches({ icsCodes: [] }, registry)).toEqual([]);
  });
});
