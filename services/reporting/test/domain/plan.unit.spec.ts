import { describe, expect, it } from 'vitest';
import {
  definePlan,
  findPeriodOverlaps,
  formatPath,
  parsePlan,
  PlanValidationError,
  type PlanIssue,
} from '../../src/domain/plan.js';
import { SEED_PLAN } from '../../src/domain/seed-plan.js';

/** A mutable, untyped copy of the seed plan to break in each test. */
const clone = (): Record<string, unknown> => ({ ...structuredClone(SEED_PLAN) });

function issuesOf(input: unknown): PlanIssue[] {
  const result = parsePlan(input);
  if (result.ok) throw new Error('expected the plan to be rejected');
  return result.issues;
}

function withIndicator(mutate: (ind: Record<string, unknown>) => void, index = 0): unknown {
  const plan = clone();
  const indicators = plan.indicators as Record<string, unknown>[];
  mutate(indicators[index]!);
  return plan;
}

describe('plan schema', () => {
  it('accepts the seed plan unchanged', () => {
    const result = parsePlan(SEED_PLAN);
    expect(result).toEqual({ ok: true, plan: SEED_PLAN });
  });

  it('rejects an end before the start, at period.end', () => {
    const plan = { ...clone(), period: { start: '2015-01-01', end: '2014-12-31' } };
    expect(issuesOf(plan)).toEqual([
      { path: ['period', 'end'], at: 'period.end', message: 'end 2014-12-31 is before start 2015-01-01' },
    ]);
  });

  it('rejects dates that are not calendar dates', () => {
    const issues = issuesOf({ ...clone(), period: { start: '2015-02-30', end: '2015-13-01' } });
    expect(issues.map((i) => i.at)).toEqual(['period.start', 'period.end']);
    expect(issues[0]?.message).toMatch(/YYYY-MM-DD/);
  });

  it('rejects a range whose min exceeds its max, at the target max', () => {
    const issues = issuesOf(withIndicator((ind) => (ind.target = { kind: 'range', min: 7, max: 5 }), 2));
    expect(issues).toEqual([
      {
        path: ['indicators', 2, 'target', 'max'],
        at: 'indicators[2].target.max',
        message: 'max 5 is below min 7',
      },
    ]);
  });

  it('rejects duplicate indicator ids, naming the first use', () => {
    const issues = issuesOf(withIndicator((ind) => (ind.id = 'intl-adopted'), 3));
    expect(issues).toEqual([
      {
        path: ['indicators', 3, 'id'],
        at: 'indicators[3].id',
        message: 'duplicate indicator id "intl-adopted" (first at indicators[0])',
      },
    ]);
  });

  it('rejects ids that are not slugs', () => {
    const issues = issuesOf({ ...clone(), id: 'District 2015' });
    expect(issues[0]).toMatchObject({ at: 'id', message: expect.stringMatching(/slug/) as unknown });
  });

  it('rejects a percentage outside 0..100 and an unknown target kind', () => {
    expect(issuesOf(withIndicator((ind) => (ind.target = { kind: 'percentage', min: 120 }), 4))[0]?.at).toBe(
      'indicators[4].target.min',
    );
    const unknownKind = issuesOf(withIndicator((ind) => (ind.target = { kind: 'ceiling', max: 3 })));
    expect(unknownKind[0]?.at).toMatch(/^indicators\[0\]\.target/);
  });

  it('rejects unknown filter values and unknown fields (typos must not silently count nothing)', () => {
    const issues = issuesOf(
      withIndicator((ind) => {
        ind.counts = {
          fact: 'standard-work',
          where: { level: ['regional'], stage: '60' },
          measure: 'count-distinct',
        };
      }),
    );
    expect(issues.map((i) => i.at).sort()).toEqual([
      'indicators[0].counts.where',
      'indicators[0].counts.where.level[0]',
    ]);
  });

  it('requires counts unless qualitative, and ratio exactly with percentage targets', () => {
    expect(issuesOf(withIndicator((ind) => delete ind.counts))).toEqual([
      {
        path: ['indicators', 0, 'counts'],
        at: 'indicators[0].counts',
        message: 'required unless qualitative',
      },
    ]);
    const ratioOnRange = issuesOf(
      withIndicator((ind) => (ind.counts = { fact: 'key-product-adoption', measure: 'ratio' })),
    );
    expect(ratioOnRange[0]).toMatchObject({ at: 'indicators[0].counts.measure' });
    const countOnPercentage = issuesOf(
      withIndicator((ind) => (ind.counts = { fact: 'key-product-adoption', measure: 'count-distinct' }), 4),
    );
    expect(countOnPercentage[0]?.message).toMatch(/needs measure "ratio"/);
  });

  it('rejects duplicate breakdown dimensions', () => {
    const issues = issuesOf(withIndicator((ind) => (ind.breakdowns = ['town', 'sector', 'town'])));
    expect(issues).toEqual([
      {
        path: ['indicators', 0, 'breakdowns', 2],
        at: 'indicators[0].breakdowns[2]',
        message: 'duplicate "town"',
      },
    ]);
  });

  it('definePlan throws an error carrying the issues', () => {
    const bad = { ...clone(), indicators: [] };
    expect(() => definePlan(bad)).toThrow(PlanValidationError);
    expect(() => definePlan(bad)).toThrow(/indicators: a plan needs at least one indicator/);
  });
});

describe('formatPath', () => {
  it('writes indexes in brackets and names with dots', () => {
    expect(formatPath(['indicators', 2, 'target', 'max'])).toBe('indicators[2].target.max');
    expect(formatPath([])).toBe('');
  });
});

describe('findPeriodOverlaps', () => {
  const p = (id: string, start: string, end: string) => ({ id, period: { start, end } });

  it('accepts adjacent plans and a redefinition of the same plan', () => {
    const existing = [p('district-2015', '2013-01-01', '2015-12-31')];
    expect(findPeriodOverlaps(p('district-2020', '2016-01-01', '2020-12-31'), existing)).toEqual([]);
    expect(findPeriodOverlaps(p('district-2015', '2012-01-01', '2015-12-31'), existing)).toEqual([]);
  });

  it('names each overlapped plan at the period path', () => {
    const existing = [p('a', '2013-01-01', '2015-12-31'), p('b', '2016-01-01', '2020-12-31')];
    expect(findPeriodOverlaps(p('c', '2015-12-31', '2016-01-01'), existing)).toEqual([
      { path: ['period'], at: 'period', message: 'overlaps plan "a" (2013-01-01..2015-12-31)' },
      { path: ['period'], at: 'period', message: 'overlaps plan "b" (2016-01-01..2020-12-31)' },
    ]);
  });
});
