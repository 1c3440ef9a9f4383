/**
 * The counted facts of one indicator, kept current as facts change: totals, breakdown groups and
 * monthly counts are adjusted per fact, so evaluating an indicator costs O(groups + months) rather
 * than a scan of every fact (which made the live view's lag grow with the history).
 */
import { breakdownKey, countsIn, type CountedSummary, type Tally } from './attainment.js';
import { instantOf, monthOf, planWindow, type PlanWindow } from './calendar.js';
import type { Fact, FactKind, FactsByKind } from './facts.js';
import type { BreakdownDimension, CountDefinition, Indicator, Plan } from './plan.js';

interface Member {
  readonly id: string;
  readonly ms: number;
  readonly adopts: boolean;
  readonly month: string;
  /** Key in each breakdown dimension, in indicator.breakdowns order. */
  readonly keys: readonly string[];
}

const byInstantThenId = (a: Member, b: Member) => a.ms - b.ms || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

function add(map: Map<string, Tally>, key: string, adopts: boolean, delta: 1 | -1): void {
  const t = map.get(key) ?? { n: 0, d: 0 };
  t.d += delta;
  if (adopts) t.n += delta;
  if (t.d === 0) map.delete(key);
  else map.set(key, t);
}

export class IndicatorTally {
  readonly kind: FactKind;
  private readonly counts: CountDefinition;
  private readonly window: PlanWindow;
  private readonly dims: readonly BreakdownDimension[];
  private readonly members = new Map<string, Member>();
  private readonly groups: Map<string, Tally>[];
  private readonly perMonth = new Map<string, Tally>();
  total = 0;
  adopting = 0;
  /** Bumped on every change of the members: an attainment's items differ exactly when it does. */
  version = 0;
  /** Latest instant ever counted: an upper bound (removals do not lower it until rechecked). */
  private latestMs = Number.NEGATIVE_INFINITY;
  private sorted?: Member[];

  private constructor(plan: Plan, indicator: Indicator & { counts: CountDefinition }) {
    this.counts = indicator.counts;
    this.kind = indicator.counts.fact;
    this.window = planWindow(plan.period);
    this.dims = indicator.breakdowns;
    this.groups = this.dims.map(() => new Map<string, Tally>());
  }

  /** A tally of no facts yet; undefined for an indicator that counts nothing. */
  static empty(plan: Plan, indicator: Indicator): IndicatorTally | undefined {
    return indicator.counts
      ? new IndicatorTally(plan, { ...indicator, counts: indicator.counts })
      : undefined;
  }

  /** A tally of the facts as they are now; undefined for an indicator that counts nothing. */
  static of(plan: Plan, indicator: Indicator, facts: FactsByKind): IndicatorTally | undefined {
    const tally = IndicatorTally.empty(plan, indicator);
    if (tally) for (const fact of facts.ofKind(tally.kind)) tally.update(undefined, fact);
    return tally;
  }

  /**
   * Applies one change of a fact (either side may be absent or of another kind). `nextMs` is the
   * instant of next.occurredAt when the caller has it (a pass filling several tallies).
   */
  update(previous: Fact | undefined, next: Fact | undefined, nextMs?: number): void {
    const id = next?.id ?? previous?.id;
    if (id === undefined) return;
    const old = this.members.get(id);
    if (old) this.apply(old, -1);
    if (!next) return;
    const ms = nextMs ?? instantOf(next.occurredAt);
    if (!countsIn(next, this.counts, this.window, ms)) return;
    const keys: string[] = [];
    for (const dim of this.dims) keys.push(breakdownKey(next, dim));
    this.apply({ id, ms, adopts: next.attributes.adopts === true, month: monthOf(ms), keys }, 1);
  }

  private apply(m: Member, delta: 1 | -1): void {
    if (delta === 1) {
      this.members.set(m.id, m);
      if (m.ms > this.latestMs) this.latestMs = m.ms;
    } else {
      this.members.delete(m.id);
    }
    this.total += delta;
    if (m.adopts) this.adopting += delta;
    add(this.perMonth, m.month, m.adopts, delta);
    for (let i = 0; i < m.keys.length; i++) add(this.groups[i]!, m.keys[i]!, m.adopts, delta);
    this.sorted = undefined;
    this.version++;
  }

  /**
   * This tally as the summary at asOf, when it is one: no counted fact lies after asOf (a fact
   * dated in the future counts only once its day comes, which a scan decides). Counts are copied;
   * the item lists are made when first read, from the members at that moment — the view replaces
   * an attainment within one recompute of any change, so they never lag its value for longer.
   */
  summaryAt(asOfMs: number): CountedSummary | undefined {
    if (this.latestMs > asOfMs) {
      this.latestMs = Number.NEGATIVE_INFINITY;
      for (const m of this.members.values()) if (m.ms > this.latestMs) this.latestMs = m.ms;
      if (this.latestMs > asOfMs) return undefined;
    }
    const groups = new Map(this.dims.map((dim, i) => [dim, new Map(this.groups[i])]));
    return {
      total: this.total,
      adopting: this.adopting,
      perMonth: new Map(this.perMonth),
      group: (dim) => groups.get(dim) ?? new Map(),
      items: () => this.items(),
      numeratorItems: () => this.numeratorItems(),
    };
  }

  /** Members who count, in (instant, id) order; sorted once per change. */
  private ordered(): readonly Member[] {
    return (this.sorted ??= [...this.members.values()].sort(byInstantThenId));
  }

  items(): readonly string[] {
    return this.ordered().map((m) => m.id);
  }

  numeratorItems(): readonly string[] {
    return this.ordered()
      .filter((m) => m.adopts)
      .map((m) => m.id);
  }
}
