import { describe, expect, it } from 'vitest';
import { evaluateIndicator } from '../../src/domain/attainment.js';
import { competitionRank } from '../../src/domain/rank.js';
import { SEED_PLAN } from '../../src/domain/seed-plan.js';
import { ALL_SOURCES, fact, published } from './fixtures.js';

const totalRank = SEED_PLAN.indicators.find((i) => i.id === 'total-rank')!;
const AS_OF = new Date('2015-06-30T00:00:00+08:00');
const own = (count: number) =>
  Array.from({ length: count }, () => published('2014-01-01', { workKind: 'formulate', level: 'local' }));

describe('competitionRank', () => {
  it('gives 1 to the highest total and lets ties share a rank', () => {
    const r = competitionRank(5, [
      { district: 'A', total: 5 },
      { district: 'B', total: 7 },
      { district: 'C', total: 5 },
      { district: 'D', total: 3 },
    ]);
    expect(r.rank).toBe(2);
    expect(r.groupSize).toBe(5);
    expect(r.ranked).toEqual([
      { district: 'B', total: 7, rank: 1 },
      { district: 'A', total: 5, rank: 2 },
      { district: 'C', total: 5, rank: 2 },
      { district: 'D', total: 3, rank: 5 },
    ]);
  });

  it('ranks first with no peers above, and first when all tie', () => {
    expect(competitionRank(3, [{ district: 'A', total: 3 }]).rank).toBe(1);
    expect(competitionRank(0, []).rank).toBe(1);
  });
});

describe('comparative target (total-rank)', () => {
  const peers = [
    { district: 'Yongchuan', total: 12 },
    { district: 'Jiangjin', total: 9 },
    { district: 'Bishan', total: 9 },
    { district: 'Tongliang', total: 4 },
  ];

  it('is attained when the rank is within rankAtMost, ties included', () => {
    const r = evaluateIndicator(totalRank, SEED_PLAN, own(9), AS_OF, ALL_SOURCES, peers);
    expect(r).toMatchObject({ value: 9, rank: 2, groupSize: 5, status: 'attained', expectedByNow: null });
  });

  it('is behind when ranked below, and not started with nothing counted', () => {
    expect(evaluateIndicator(totalRank, SEED_PLAN, own(3), AS_OF, ALL_SOURCES, peers)).toMatchObject({
      rank: 5,
      status: 'behind',
    });
    expect(evaluateIndicator(totalRank, SEED_PLAN, [], AS_OF, ALL_SOURCES, peers).status).toBe('not-started');
  });

  it('has no data source without peer figures', () => {
    expect(evaluateIndicator(totalRank, SEED_PLAN, own(3), AS_OF, ALL_SOURCES).status).toBe('no-data-source');
  });

  it('takes the latest imported peer figures for this plan and indicator from facts', () => {
    const peer = (district: string, total: number, at: string, attrs = {}) =>
      fact('peer-standards-total', at, { peerDistrict: district, total, planId: 'district-2015', ...attrs });
    const facts = [
      ...own(6),
      peer('Yongchuan', 4, '2014-01-01'),
      peer('Yongchuan', 8, '2015-01-01'), // latest wins
      peer('Jiangjin', 7, '2015-01-01'),
      peer('Bishan', 99, '2015-01-01', { planId: 'district-2020' }), // another plan
      peer('Tongliang', 99, '2015-12-01'), // after asOf
    ];
    const r = evaluateIndicator(totalRank, SEED_PLAN, facts, AS_OF, ALL_SOURCES);
    expect(r).toMatchObject({ value: 6, rank: 3, groupSize: 3, status: 'attained' });
    expect(r.peers).toEqual([
      // each figure says the date it is as of
      { district: 'Yongchuan', total: 8, asOf: '2015-01-01', rank: 1 },
      { district: 'Jiangjin', total: 7, asOf: '2015-01-01', rank: 2 },
    ]);
  });
});
