/** Small builders shared by the domain tests. */
import type { Fact, FactAttributes, FactKind } from '../../src/domain/facts.js';
import { definePlan, type Indicator, type Plan } from '../../src/domain/plan.js';

let counter = 0;

export function fact(
  kind: FactKind,
  occurredAt: string,
  attributes: FactAttributes = {},
  extra: Partial<Fact> = {},
): Fact {
  counter += 1;
  return { id: `${kind}-${String(counter)}`, kind, occurredAt, attributes, ...extra };
}

/** A published, in-district standard work item. */
export function published(
  occurredAt: string,
  attributes: FactAttributes = {},
  extra: Partial<Fact> = {},
): Fact {
  return fact('standard-work', occurredAt, { stage: '60.60', inDistrict: true, ...attributes }, extra);
}

/** A one-indicator plan over 2013–2015 (3 years), validated. */
export function planWith(indicator: Indicator, period = { start: '2013-01-01', end: '2015-12-31' }): Plan {
  return definePlan({ id: 'test-plan', name: { zh: '測試', en: 'test' }, period, indicators: [indicator] });
}

export function countIndicator(
  target: Indicator['target'],
  where: NonNullable<Indicator['counts']>['where'] = {},
): Indicator {
  return {
    id: 'ind',
    name: { zh: '指標', en: 'indicator' },
    target,
    unit: { zh: '項', en: 'items' },
    counts: {
      fact: 'standard-work',
      where: { stageReached: '60.00', inDistrict: true, ...where },
      measure: 'count-distinct',
    },
    breakdowns: ['sector', 'town', 'project'],
  };
}

export const ALL_SOURCES = new Set<FactKind>([
  'standard-work',
  'enterprise-filing',
  'committee-membership',
  'good-behaviour-certification',
  'key-product-adoption',
  'demonstration-zone',
  'peer-standards-total',
]);
