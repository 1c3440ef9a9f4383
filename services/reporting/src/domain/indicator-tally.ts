/**
 * The counted facts of one indicator, kept current as facts change: totals, breakdown groups and
 * monthly counts are adjusted per fact, so evaluating an indicator costs O(groups + months) rather
 * than a scan of every fact (which made the live view's lag grow with the history).
 */
import { breakdownKey, countsIn, type CountedSummary, type Tally } from './attainment.js';
import { instantOf, monthOf, planWindow, type PlanWindow } from './calendar.js';
import type { Fact, FactKind, FactsByKind } from './facts.js';
import type { BreakdownDimension, CountDefinition, Indicator, Plan } from './plan.js';

/**
 * A member's contribution (instant, month, adopts, breakdown keys) is not stored: it is worked out
 * again from the previous fact when the member leaves, as it was from that same fact when it came.
 * A member is one map entry (id → occurredAt, a string the fact store already holds), so a replay
 * that fills tallies with hundreds of thousands of facts allocates no object per member.
 */
const byInstantThenId = (a: readonly [number, string], b: readonly [number, string]) =>
  a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0);

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
  /** Counted facts: id → occurredAt. */
  private readonly members = new Map<string, string>();
  private readonly adoptingMembers = new Set<string>();
  private readonly groups: Map<string, Tally>[];
  private readonly perMonth = new Map<string, Tally>();
  total = 0;
  adopting = 0;
  /** Bumped on every change of the members: an attainment's items differ exactly when it does. */
  version = 0;
  /** Latest instant ever counted: an upper bound (removals do not lower it until rechecked). */
  private latestMs = Number.NEGATIVE_INFINITY;
  private sorted?: string[];

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
    if (tally) IndicatorTally.fill([tally], facts);
    return tally;
  }

  /** Counts the facts as they are now into fresh tallies: one pass over each kind's facts for all. */
  static fill(tallies: readonly IndicatorTally[], facts: FactsByKind): void {
    for (const kind of new Set(tallies.map((t) => t.kind))) {
      const sameKind = tallies.filter((t) => t.kind === kind);
      for (const fact of facts.ofKind(kind)) {
        const ms = instantOf(fact.occurredAt);
        for (const tally of sameKind) tally.update(undefined, fact, ms);
      }
    }
  }

  /**
   * Applies one change of a fact (either side may be absent or of another kind). `nextMs` is the
   * instant of next.occurredAt when the caller has it (a pass filling several tallies).
   */
  update(previous: Fact | undefined, next: Fact | undefined, nextMs?: number): void {
    const id = next?.id ?? previous?.id;
    if (id === undefined) return;
    if (this.members.has(id)) {
      // The store tells every change, so previous is the fact this member was counted as.
      if (!previous) throw new Error(`IndicatorTally: fact ${id} left without its previous state`);
      this.apply(previous, instantOf(previous.occurredAt), -1);
    }
    if (!next) return;
    const ms = nextMs ?? instantOf(next.occurredAt);
    if (countsIn(next, this.counts, this.window, ms)) this.apply(next, ms, 1);
  }

  private apply(fact: Fact, ms: number, delta: 1 | -1): void {
    const adopts = fact.attributes.adopts === true;
    if (delta === 1) {
      this.members.set(fact.id, fact.occurredAt);
      if (adopts) this.adoptingMembers.add(fact.id);
      if (ms > this.latestMs) this.latestMs = ms;
    } else {
      this.members.delete(fact.id);
      this.adoptingMembers.delete(fact.id);
    }
    this.total += delta;
    if (adopts) this.adopting += delta;
    add(this.perMonth, monthOf(ms), adopts, delta);
    for (let i = 0; i < this.dims.length; i++)
      add(this.groups[i]!, breakdownKey(fact, this.dims[i]!), adopts, delta);
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
      for (const occurredAt of this.members.values())
        this.latestMs = Math.max(this.latestMs, instantOf(occurredAt));
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

  /** Ids of the members, in (instant, id) order; sorted once per change. */
  private ordered(): readonly string[] {
    return (this.sorted ??= [...this.members]
      .map(([id, occurredAt]) => [instantOf(occurredAt), id] as const)
      .sort(byInstantThenId)
      .map(([, id]) => id));
  }

  items(): readonly string[] {
    return this.ordered();
  }

  numeratorItems(): readonly string[] {
    return this.ordered().filter((id) => this.adoptingMembers.has(id));
  }
}
