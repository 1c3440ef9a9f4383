import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateIndicator } from '../../src/domain/attainment.js';
import { FactStore } from '../../src/domain/fact-store.js';
import type { Fact, FactKind } from '../../src/domain/facts.js';
import { IndicatorTally } from '../../src/domain/indicator-tally.js';
import { SEED_PLAN } from '../../src/domain/seed-plan.js';
import { ALL_SOURCES } from './fixtures.js';

// Facts over the seed plan's kinds and filter values, some dated outside its period or in the future.
const KINDS: FactKind[] = [
  'standard-work',
  'enterprise-filing',
  'key-product-adoption',
  'committee-membership',
  'good-behaviour-certification',
  'demonstration-zone',
  'peer-standards-total',
];
const factArb = fc
  .record({
    id: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'),
    kind: fc.constantFrom(...KINDS),
    day: fc.integer({ min: -200, max: 1_500 }),
    level: fc.constantFrom('national', 'industry', 'local', 'group'),
    workKind: fc.constantFrom('formulate', 'revise', 'adopt', 'existing'),
    stage: fc.constantFrom('20.00', '60.60', '95.99'),
    inDistrict: fc.boolean(),
    sector: fc.option(fc.constantFrom('food', 'cement', 'tourism'), { nil: undefined }),
    town: fc.option(fc.constantFrom('Longfeng', 'Tiantai'), { nil: undefined }),
    project: fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }),
    adopts: fc.boolean(),
    memberKind: fc.constantFrom('enterprise', 'engineer'),
    committeeLevel: fc.constantFrom('national', 'international'),
    authority: fc.constantFrom('district', 'municipal', 'national'),
    zoneKind: fc.constantFrom('agricultural', 'service-pilot'),
    zoneLevel: fc.constantFrom('district', 'municipal', 'national'),
    retracted: fc.boolean(),
  })
  .map(({ id, kind, day, retracted, ...attributes }): Fact => ({
    id,
    kind,
    occurredAt: new Date(Date.UTC(2012, 5, 1) + day * 86_400_000).toISOString().slice(0, 10),
    attributes: { department: 'agriculture', ...attributes },
    ...(retracted ? { retracted: true } : {}),
  }));

const plain = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

describe('IndicatorTally', () => {
  it('evaluates every seed indicator exactly as a scan of the facts does, through any history', () => {
    let counted = 0;
    fc.assert(
      fc.property(
        fc.array(factArb, { maxLength: 60 }),
        fc.array(factArb, { maxLength: 30 }),
        fc.integer({ min: 0, max: 1_500 }),
        (before, after, asOfDay) => {
          const facts = new FactStore();
          for (const f of before) facts.applyFact(f);
          // Tallies made from the facts so far, then kept current change by change.
          const tallies = SEED_PLAN.indicators.map((i) => IndicatorTally.of(SEED_PLAN, i, facts));
          facts.onChange = (previous, next) => {
            for (const t of tallies) t?.update(previous, next);
          };
          for (const f of after) facts.applyFact(f);
          const asOf = new Date(Date.UTC(2012, 5, 1) + asOfDay * 86_400_000);
          SEED_PLAN.indicators.forEach((indicator, k) => {
            const kept = tallies[k];
            const scanned = evaluateIndicator(indicator, SEED_PLAN, facts, asOf, ALL_SOURCES);
            const tallied = evaluateIndicator(
              indicator,
              SEED_PLAN,
              facts,
              asOf,
              ALL_SOURCES,
              undefined,
              kept,
            );
            expect(plain(tallied)).toEqual(plain(scanned));
            counted += typeof scanned.value === 'number' ? scanned.value : 0;
          });
        },
      ),
      { numRuns: 200 },
    );
    expect(counted).toBeGreaterThan(200);
  });

  it('answers from its own counts when no counted fact lies after asOf, and defers to a scan otherwise', () => {
    const facts = new FactStore();
    const indicator = SEED_PLAN.indicators.find((i) => i.counts?.fact === 'enterprise-filing')!;
    const tally = IndicatorTally.of(SEED_PLAN, indicator, facts)!;
    facts.onChange = (previous, next) => tally.update(previous, next);
    facts.applyFact({ id: 'f1', kind: 'enterprise-filing', occurredAt: '2014-03-01', attributes: {} });
    expect(tally.total).toBe(1);
    expect(tally.summaryAt(Date.parse('2015-01-01'))?.total).toBe(1);
    facts.applyFact({ id: 'f2', kind: 'enterprise-filing', occurredAt: '2015-06-01', attributes: {} });
    expect(tally.summaryAt(Date.parse('2015-01-01'))).toBeUndefined();
    facts.retract('f2');
    expect(tally.total).toBe(1);
    expect(tally.summaryAt(Date.parse('2015-01-01'))?.items()).toEqual(['f1']);
  });
});
