/**
 * Attainment: pure evaluation of a plan's indicators against facts at a moment (asOf).
 *
 * Which facts count: live (not retracted) facts of the indicator's kind that match its filters and
 * occurred inside the plan period and not after asOf (a view "as of" a date ignores later facts).
 *
 * Status rules, first match wins:
 *  - qualitative: a qualitative target has no value; it is shown as such.
 *  - no-data-source: the fact kind's source service is not available (for the comparative target:
 *    or no peer figures were imported). Unknown is not zero, so there is no value either.
 *  - not-started: nothing counts yet (for a ratio: no key product is recorded, no denominator).
 *  - exceeded: a range target's value is above its max.
 *  - attained: value ≥ min (range, floor, percentage); rank ≤ rankAtMost (comparative).
 *  - on-track: value ≥ expectedByNow = min × share of the period elapsed (a maintained percentage
 *    is expected at its full min all along). Comparative targets have no expectation.
 *  - behind: anything else.
 */
import { instantOf, monthOf, monthsUpTo, planWindow, shareElapsed, type PlanWindow } from './calendar.js';
import { indexByKind, type Fact, type FactKind, type FactsByKind } from './facts.js';
import { matchesWhere } from './match.js';
import type { BreakdownDimension, CountDefinition, Indicator, Plan, Target } from './plan.js';
import { competitionRank, resolvePeers, type PeerFigure, type RankedPeer } from './rank.js';

export type Status =
  'no-data-source' | 'not-started' | 'behind' | 'on-track' | 'attained' | 'exceeded' | 'qualitative';

export interface BreakdownRow {
  readonly key: string;
  /** A count, or for ratios the percentage within the group. */
  readonly value: number;
  readonly numerator?: number;
  readonly denominator?: number;
}

export interface MonthPoint {
  readonly month: string;
  /** Cumulative to the end of the month; null for a ratio with nothing recorded yet. */
  readonly value: number | null;
  readonly numerator?: number;
  readonly denominator?: number;
}

export interface IndicatorAttainment {
  readonly planId: string;
  readonly indicatorId: string;
  /** Count, percentage (ratio), or the district's own total (comparative); null when unknown. */
  readonly value: number | null;
  readonly numerator?: number;
  readonly denominator?: number;
  /** Comparative only: 1 = best, ties share a rank; groupSize includes the district itself. */
  readonly rank?: number;
  readonly groupSize?: number;
  readonly peers?: readonly RankedPeer[];
  readonly target: Target;
  readonly status: Status;
  readonly expectedByNow: number | null;
  readonly shareElapsed: number;
  readonly breakdowns: Partial<Record<BreakdownDimension, readonly BreakdownRow[]>>;
  readonly monthly: readonly MonthPoint[];
  /** Ids of the facts that count (for a ratio: every product in the denominator). */
  readonly items: readonly string[];
  /** Ratio only: the ids in the numerator. */
  readonly numeratorItems?: readonly string[];
}

export type FactSource = Iterable<Fact> | FactsByKind;

const UNSPECIFIED = '(unspecified)';

function byKind(facts: FactSource): FactsByKind {
  return 'ofKind' in facts ? facts : indexByKind(facts);
}

interface Counted {
  readonly fact: Fact;
  readonly ms: number;
}

/** Does a fact count for these counts in this window (whatever the asOf)? */
export function countsIn(fact: Fact, counts: CountDefinition, window: PlanWindow, ms: number): boolean {
  return (
    !fact.retracted &&
    fact.kind === counts.fact &&
    ms >= window.startMs &&
    ms < window.endMs &&
    matchesWhere(fact, counts.where)
  );
}

/** Distinct (by id, last wins) live facts that match and fall inside [start, min(end, asOf)]. */
function collect(
  source: FactsByKind,
  counts: CountDefinition,
  window: PlanWindow,
  asOfMs: number,
): Counted[] {
  const found = new Map<string, Counted>();
  for (const fact of source.ofKind(counts.fact)) {
    if (fact.retracted || fact.kind !== counts.fact) continue;
    const ms = instantOf(fact.occurredAt);
    if (!(ms >= window.startMs && ms < window.endMs && ms <= asOfMs)) continue;
    if (matchesWhere(fact, counts.where)) found.set(fact.id, { fact, ms });
    else found.delete(fact.id);
  }
  return [...found.values()].sort((a, b) => a.ms - b.ms || (a.fact.id < b.fact.id ? -1 : 1));
}

const adopts = (c: Counted): boolean => c.fact.attributes.adopts === true;
const percent = (numerator: number, denominator: number): number => (numerator * 100) / denominator;

/** How many facts count (d) and how many of them adopt (n). */
export interface Tally {
  n: number;
  d: number;
}

/** The district-local key of a fact in a breakdown dimension. */
export function breakdownKey(fact: Fact, dim: BreakdownDimension): string {
  const raw = fact.attributes[dim];
  return raw === undefined ? UNSPECIFIED : String(raw);
}

/**
 * What evaluation needs of the facts that count, however they were gathered: a scan of the facts
 * (evaluateIndicator alone) or tallies kept current as facts change (IndicatorTally).
 */
export interface CountedSummary {
  readonly total: number;
  readonly adopting: number;
  group(dim: BreakdownDimension): ReadonlyMap<string, Tally>;
  readonly perMonth: ReadonlyMap<string, Tally>;
  /** Ids of the facts that count, in (instant, id) order. */
  items(): readonly string[];
  /** Ratio: the ids of those that adopt, same order. */
  numeratorItems(): readonly string[];
}

function count(map: Map<string, Tally>, key: string, adopting: boolean): void {
  const t = map.get(key);
  if (t) {
    t.d += 1;
    if (adopting) t.n += 1;
  } else map.set(key, { n: adopting ? 1 : 0, d: 1 });
}

/** The summary of a scan: facts already sorted by (instant, id). */
function summarise(indicator: Indicator, counted: readonly Counted[]): CountedSummary {
  const groups = new Map<BreakdownDimension, Map<string, Tally>>();
  for (const dim of indicator.breakdowns) groups.set(dim, new Map());
  const perMonth = new Map<string, Tally>();
  let adopting = 0;
  for (const c of counted) {
    const a = adopts(c);
    if (a) adopting++;
    for (const [dim, map] of groups) count(map, breakdownKey(c.fact, dim), a);
    count(perMonth, monthOf(c.ms), a);
  }
  return {
    total: counted.length,
    adopting,
    group: (dim) => groups.get(dim) ?? new Map(),
    perMonth,
    items: () => counted.map((c) => c.fact.id),
    numeratorItems: () => counted.filter(adopts).map((c) => c.fact.id),
  };
}

function breakdowns(
  indicator: Indicator,
  summary: CountedSummary,
  ratio: boolean,
): IndicatorAttainment['breakdowns'] {
  const result: Partial<Record<BreakdownDimension, BreakdownRow[]>> = {};
  for (const dim of indicator.breakdowns) {
    result[dim] = [...summary.group(dim)]
      .map(([key, g]): BreakdownRow =>
        ratio ? { key, value: percent(g.n, g.d), numerator: g.n, denominator: g.d } : { key, value: g.d },
      )
      .sort((a, b) => b.value - a.value || (a.key < b.key ? -1 : 1));
  }
  return result;
}

function monthly(summary: CountedSummary, window: PlanWindow, asOfMs: number, ratio: boolean): MonthPoint[] {
  let n = 0;
  let d = 0;
  return monthsUpTo(window, asOfMs).map((month): MonthPoint => {
    n += summary.perMonth.get(month)?.n ?? 0;
    d += summary.perMonth.get(month)?.d ?? 0;
    if (!ratio) return { month, value: d };
    return { month, value: d === 0 ? null : percent(n, d), numerator: n, denominator: d };
  });
}

/**
 * Sets `items` (and `numeratorItems`) as properties read on demand: a list of every counted id is
 * what most readers of an attainment never look at (progress streams), and it costs O(n) to make.
 */
function withItems<T extends object>(
  attainment: T,
  summary: CountedSummary,
  numerator: boolean,
): T & Pick<IndicatorAttainment, 'items' | 'numeratorItems'> {
  let items: readonly string[] | undefined;
  let numeratorItems: readonly string[] | undefined;
  Object.defineProperty(attainment, 'items', {
    enumerable: true,
    get: () => (items ??= summary.items()),
  });
  if (numerator) {
    Object.defineProperty(attainment, 'numeratorItems', {
      enumerable: true,
      get: () => (numeratorItems ??= summary.numeratorItems()),
    });
  }
  return attainment as T & Pick<IndicatorAttainment, 'items' | 'numeratorItems'>;
}

function statusFor(target: Target, value: number, expected: number): Status {
  if (target.kind === 'range' && value > target.max) return 'exceeded';
  if ('min' in target && value >= target.min) return 'attained';
  return value >= expected ? 'on-track' : 'behind';
}

function expectedFor(target: Target, share: number): number | null {
  switch (target.kind) {
    case 'range':
    case 'floor':
      return target.min * share;
    case 'percentage':
      return target.maintained ? target.min : target.min * share;
    default:
      return null;
  }
}

export function evaluateIndicator(
  indicator: Indicator,
  plan: Plan,
  facts: FactSource,
  asOf: Date,
  availableSources: ReadonlySet<FactKind>,
  peers?: readonly PeerFigure[],
  /** Tallies kept current for this indicator, used when they can answer for asOf. */
  kept?: { summaryAt(asOfMs: number): CountedSummary | undefined },
): IndicatorAttainment {
  const window = planWindow(plan.period);
  const asOfMs = asOf.getTime();
  const share = shareElapsed(window, asOfMs);
  const { target, counts } = indicator;
  const base = { planId: plan.id, indicatorId: indicator.id, target, shareElapsed: share };
  const empty = { value: null, expectedByNow: null, breakdowns: {}, monthly: [], items: [] };
  if (target.kind === 'qualitative') return { ...base, ...empty, status: 'qualitative' };
  if (!counts || !availableSources.has(counts.fact)) return { ...base, ...empty, status: 'no-data-source' };

  const source = byKind(facts);
  const summary = kept?.summaryAt(asOfMs) ?? summarise(indicator, collect(source, counts, window, asOfMs));
  const ratio = counts.measure === 'ratio';
  const common = {
    ...base,
    breakdowns: breakdowns(indicator, summary, ratio),
    monthly: monthly(summary, window, asOfMs, ratio),
  };

  if (target.kind === 'comparative') {
    const figures = resolvePeers(peers, source, plan.id, indicator.id, asOfMs);
    const own = summary.total;
    if (figures.length === 0) return { ...base, ...empty, status: 'no-data-source' };
    const { rank, groupSize, ranked } = competitionRank(own, figures);
    const status: Status = own === 0 ? 'not-started' : rank <= target.rankAtMost ? 'attained' : 'behind';
    return withItems(
      { ...common, value: own, rank, groupSize, peers: ranked, expectedByNow: null, status },
      summary,
      false,
    );
  }

  const expectedByNow = expectedFor(target, share) ?? 0;
  if (ratio) {
    const [numerator, denominator] = [summary.adopting, summary.total];
    const value = denominator === 0 ? null : percent(numerator, denominator);
    const status = value === null ? 'not-started' : statusFor(target, value, expectedByNow);
    return withItems({ ...common, value, numerator, denominator, expectedByNow, status }, summary, true);
  }
  const value = summary.total;
  const status = value === 0 ? 'not-started' : statusFor(target, value, expectedByNow);
  return withItems({ ...common, value, expectedByNow, status }, summary, false);
}

/** Every indicator of the plan, in plan order; facts are indexed by kind once. */
export function evaluatePlan(
  plan: Plan,
  facts: FactSource,
  asOf: Date,
  availableSources: ReadonlySet<FactKind>,
  peers?: readonly PeerFigure[],
): IndicatorAttainment[] {
  const source = byKind(facts);
  return plan.indicators.map((ind) => evaluateIndicator(ind, plan, source, asOf, availableSources, peers));
}
