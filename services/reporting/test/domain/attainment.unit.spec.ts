import { describe, expect, it } from 'vitest';
import { evaluateIndicator, evaluatePlan } from '../../src/domain/attainment.js';
import type { FactKind } from '../../src/domain/facts.js';
import { SEED_PLAN } from '../../src/domain/seed-plan.js';
import { ALL_SOURCES, countIndicator, fact, planWith, published } from './fixtures.js';

// Exactly half of 2013-01-01..2015-12-31 (1095 days) has elapsed.
const HALF = new Date('2014-07-02T12:00:00+08:00');
const AFTER = new Date('2016-06-01T00:00:00+08:00');
const range = countIndicator({ kind: 'range', min: 3, max: 5 });
const rangePlan = planWith(range);
const n = (count: number) => Array.from({ length: count }, () => published('2013-06-01'));

describe('evaluateIndicator: status rules', () => {
  it('no-data-source when the source is unavailable, even with facts: unknown is not zero', () => {
    const r = evaluateIndicator(range, rangePlan, n(4), HALF, new Set<FactKind>(['enterprise-filing']));
    expect(r).toMatchObject({ status: 'no-data-source', value: null, expectedByNow: null, items: [] });
  });

  it('not-started when nothing counts', () => {
    const r = evaluateIndicator(range, rangePlan, [], HALF, ALL_SOURCES);
    expect(r).toMatchObject({
      status: 'not-started',
      value: 0,
      items: [],
      expectedByNow: 1.5,
      shareElapsed: 0.5,
    });
  });

  it.each([
    [1, 'behind'], // expected by now: 3 × 0.5 = 1.5
    [2, 'on-track'],
    [3, 'attained'],
    [5, 'attained'],
    [6, 'exceeded'],
  ])('range 3–5 at half time with %i counted is %s', (count, status) => {
    const r = evaluateIndicator(range, rangePlan, n(count), HALF, ALL_SOURCES);
    expect(r).toMatchObject({ value: count, status });
  });

  it('a floor is attained, never exceeded, above its min', () => {
    const floor = countIndicator({ kind: 'floor', min: 2 });
    expect(evaluateIndicator(floor, planWith(floor), n(9), HALF, ALL_SOURCES).status).toBe('attained');
  });

  it('after the period a shortfall is behind with the whole period elapsed', () => {
    const r = evaluateIndicator(range, rangePlan, n(2), AFTER, ALL_SOURCES);
    expect(r).toMatchObject({ status: 'behind', shareElapsed: 1, expectedByNow: 3 });
  });

  it('qualitative targets have no value', () => {
    const aspiration = SEED_PLAN.indicators.find((i) => i.id === '2020')!;
    const r = evaluateIndicator(aspiration, SEED_PLAN, [], HALF, ALL_SOURCES);
    expect(r).toMatchObject({ status: 'qualitative', value: null, expectedByNow: null, monthly: [] });
  });
});

describe('evaluateIndicator: what counts', () => {
  it('counts only facts inside the period (district time) and not after asOf', () => {
    const inside = [
      published('2012-12-31T20:00:00Z'), // 2013-01-01 04:00 in the district
      published('2015-12-31T23:30:00+08:00'),
    ];
    const outside = [
      published('2012-12-31T23:00:00+08:00'),
      published('2016-01-01'),
      published('not a date'),
    ];
    const r = evaluateIndicator(range, rangePlan, [...inside, ...outside], AFTER, ALL_SOURCES);
    expect(r.items).toEqual(inside.map((f) => f.id));
    const early = evaluateIndicator(range, rangePlan, inside, new Date('2014-01-01'), ALL_SOURCES);
    expect(early.items).toEqual([inside[0]!.id]);
  });

  it('skips retracted facts, unmatched filters and unreached stages; a repeated id counts once', () => {
    const kept = published('2013-05-01');
    const facts = [
      kept,
      { ...kept, attributes: { ...kept.attributes } },
      published('2013-05-01', {}, { retracted: true }),
      published('2013-05-01', { stage: '40.20' }),
      published('2013-05-01', { inDistrict: false }),
    ];
    const r = evaluateIndicator(range, rangePlan, facts, HALF, ALL_SOURCES);
    expect(r.items).toEqual([kept.id]);
  });
});

describe('evaluateIndicator: breakdowns and monthly series', () => {
  it('breaks the count down by each dimension, largest first, unspecified kept', () => {
    const facts = [
      published('2013-02-01', { sector: 'food', town: 'Caojie', project: 2 }),
      published('2013-02-02', { sector: 'food', project: 2 }),
      published('2013-02-03', { sector: 'cement', town: 'Caojie', project: 1 }),
      published('2013-02-04', { town: 'Shuangfeng', project: 2 }),
    ];
    const r = evaluateIndicator(range, rangePlan, facts, HALF, ALL_SOURCES);
    expect(r.breakdowns).toEqual({
      sector: [
        { key: 'food', value: 2 },
        { key: '(unspecified)', value: 1 },
        { key: 'cement', value: 1 },
      ],
      town: [
        { key: 'Caojie', value: 2 },
        { key: '(unspecified)', value: 1 },
        { key: 'Shuangfeng', value: 1 },
      ],
      project: [
        { key: '2', value: 3 },
        { key: '1', value: 1 },
      ],
    });
  });

  it('gives a cumulative monthly series from the period start to asOf', () => {
    const facts = [
      published('2013-01-10'),
      published('2013-01-31T20:00:00Z'), // 1 February in the district
      published('2013-03-05'),
      published('2013-03-20'),
      published('2013-05-01'), // after asOf
    ];
    const r = evaluateIndicator(range, rangePlan, facts, new Date('2013-04-15T00:00:00+08:00'), ALL_SOURCES);
    expect(r.monthly).toEqual([
      { month: '2013-01', value: 1 },
      { month: '2013-02', value: 2 },
      { month: '2013-03', value: 4 },
      { month: '2013-04', value: 4 },
    ]);
    expect(evaluateIndicator(range, rangePlan, facts, AFTER, ALL_SOURCES).monthly).toHaveLength(36);
  });
});

describe('evaluateIndicator: percentage (ratio)', () => {
  const rate = SEED_PLAN.indicators.find((i) => i.id === 'adoption-rate')!;
  const product = (adopts: boolean, sector: string, at = '2013-03-01') =>
    fact('key-product-adoption', at, { adopts, sector });

  it('is numerator / denominator × 100 and attained at or above the min', () => {
    const facts = [...Array.from({ length: 6 }, () => product(true, 'auto')), product(false, 'glass')];
    const r = evaluateIndicator(rate, SEED_PLAN, facts, HALF, ALL_SOURCES);
    expect(r).toMatchObject({ numerator: 6, denominator: 7, status: 'attained', expectedByNow: 85 });
    expect(r.value).toBeCloseTo(85.714, 3);
    expect(r.items).toHaveLength(7);
    expect(r.numeratorItems).toHaveLength(6);
    expect(r.breakdowns.sector).toEqual([
      { key: 'auto', value: 100, numerator: 6, denominator: 6 },
      { key: 'glass', value: 0, numerator: 0, denominator: 1 },
    ]);
  });

  it('computes exact percentages (17/20 is 85, not 84.999…)', () => {
    const facts = [
      ...Array.from({ length: 17 }, () => product(true, 'a')),
      ...Array.from({ length: 3 }, () => product(false, 'a')),
    ];
    expect(evaluateIndicator(rate, SEED_PLAN, facts, HALF, ALL_SOURCES)).toMatchObject({
      value: 85,
      status: 'attained',
    });
  });

  it('a maintained rate below its min is behind at any time', () => {
    const facts = [product(true, 'a'), product(false, 'a')];
    expect(evaluateIndicator(rate, SEED_PLAN, facts, new Date('2013-03-02'), ALL_SOURCES).status).toBe(
      'behind',
    );
  });

  it('a rate that is not maintained is on track against min × share elapsed', () => {
    const loose = { ...rate, target: { kind: 'percentage' as const, min: 80 } };
    const r = evaluateIndicator(
      loose,
      SEED_PLAN,
      [product(true, 'a'), product(false, 'a')],
      HALF,
      ALL_SOURCES,
    );
    expect(r).toMatchObject({ value: 50, expectedByNow: 40, status: 'on-track' });
  });

  it('without a denominator is not started, with a null value', () => {
    const r = evaluateIndicator(rate, SEED_PLAN, [], HALF, ALL_SOURCES);
    expect(r).toMatchObject({ status: 'not-started', value: null, numerator: 0, denominator: 0 });
  });

  it('gives the cumulative rate per month, null before the first product', () => {
    const facts = [product(true, 'a', '2013-02-10'), product(false, 'a', '2013-03-10')];
    const r = evaluateIndicator(rate, SEED_PLAN, facts, new Date('2013-03-31T00:00:00+08:00'), ALL_SOURCES);
    expect(r.monthly).toEqual([
      { month: '2013-01', value: null, numerator: 0, denominator: 0 },
      { month: '2013-02', value: 100, numerator: 1, denominator: 1 },
      { month: '2013-03', value: 50, numerator: 1, denominator: 2 },
    ]);
  });
});

describe('evaluatePlan', () => {
  it('evaluates every seed indicator; missing services show as no data source', () => {
    const registryOnly = new Set<FactKind>([
      'standard-work',
      'enterprise-filing',
      'committee-membership',
      'good-behaviour-certification',
      'key-product-adoption',
    ]);
    const facts = [published('2014-03-01', { workKind: 'adopt', level: 'national' })];
    const results = evaluatePlan(SEED_PLAN, facts, HALF, registryOnly);
    const status = Object.fromEntries(results.map((r) => [r.indicatorId, r.status]));
    expect(status).toEqual({
      'intl-adopted': 'behind',
      'natl-industry': 'not-started',
      local: 'not-started',
      'enterprise-filed': 'not-started',
      'adoption-rate': 'not-started',
      'tc-enterprises': 'not-started',
      'tc-engineers': 'not-started',
      'good-practice': 'not-started',
      'ag-zone-national': 'no-data-source',
      'ag-zone-municipal': 'no-data-source',
      'svc-pilot-national': 'no-data-source',
      'svc-pilot-municipal': 'no-data-source',
      'total-rank': 'no-data-source', // no peer figures imported yet
      '2020': 'qualitative',
    });
    expect(results.every((r) => r.planId === 'district-2015')).toBe(true);
  });
});
