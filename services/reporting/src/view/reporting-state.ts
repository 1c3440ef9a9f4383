import { type EventEnvelope, producingServices } from '@highland/contracts';
import { availableKinds, type Fact, type FactKind } from '../domain/facts.js';
import { evaluateIndicator, type IndicatorAttainment } from '../domain/attainment.js';
import { IndicatorTally } from '../domain/indicator-tally.js';
import { FactStore } from '../domain/fact-store.js';
import { definePlan, type Plan } from '../domain/plan.js';
import { SEED_PLAN } from '../domain/seed-plan.js';
import { FactProjection } from '../projection/facts-from-events.js';
import { defaultPositions, type Position, type PositionFormat } from './position.js';

/**
 * Everything reporting knows, built only from events: facts, plans, positions. Applying an event
 * at or below a stream's position changes nothing, so a redelivery is harmless.
 */
export class ReportingState {
  readonly facts = new FactStore();
  readonly plans = new Map<string, Plan>([[SEED_PLAN.id, SEED_PLAN]]);
  readonly position: Position;
  private readonly projection = new FactProjection((id) => this.facts.get(id));
  /** Fact kinds whose source service exists in this version of the platform. */
  readonly sources: ReadonlySet<FactKind> = availableKinds(producingServices);

  /**
   * Per plan, the tallies of its indicators, made at the first evaluation (a replay applies its
   * history without them) and then kept current fact by fact.
   */
  private readonly tallies = new Map<string, Map<string, IndicatorTally>>();
  private readonly talliesByKind = new Map<FactKind, IndicatorTally[]>();

  /** Keeps the tallies current; installed with the first tally, so a replay makes no Fact objects. */
  private readonly updateTallies = (previous: Fact | undefined, next: Fact): void => {
    for (const tally of this.talliesByKind.get(next.kind) ?? []) tally.update(previous, next);
    if (previous && previous.kind !== next.kind)
      for (const tally of this.talliesByKind.get(previous.kind) ?? []) tally.update(previous, undefined);
  };

  constructor(readonly positions: PositionFormat = defaultPositions) {
    this.position = positions.start();
  }

  /** The position's name (SSE event id). */
  get positionName(): string {
    return this.positions.format(this.position);
  }

  /** Applies an event at a stream sequence of one followed service. */
  apply(stream: string, event: EventEnvelope, seq: number): boolean {
    if (seq <= (this.position[stream] ?? 0)) return false;
    this.position[stream] = seq;
    if (event.type === 'reporting.plan-defined') {
      const plan = definePlan((event.data as { definition: unknown }).definition);
      this.plans.set(plan.id, plan);
      this.dropTallies(plan.id);
      return true;
    }
    let changed = false;
    for (const fact of this.projection.factsOf(event, seq)) changed = this.facts.applyFact(fact) || changed;
    return changed;
  }

  evaluate(planId: string, asOf: Date): IndicatorAttainment[] | undefined {
    const plan = this.plans.get(planId);
    if (!plan) return undefined;
    const tallies = this.talliesOf(plan);
    return plan.indicators.map((indicator) =>
      evaluateIndicator(
        indicator,
        plan,
        this.facts,
        asOf,
        this.sources,
        undefined,
        tallies.get(indicator.id),
      ),
    );
  }

  /** The tally of an indicator's counted facts (tests, diagnostics). */
  tally(planId: string, indicatorId: string): IndicatorTally | undefined {
    const plan = this.plans.get(planId);
    return plan ? this.talliesOf(plan).get(indicatorId) : undefined;
  }

  private talliesOf(plan: Plan): Map<string, IndicatorTally> {
    let tallies = this.tallies.get(plan.id);
    if (!tallies) {
      tallies = new Map();
      for (const indicator of plan.indicators) {
        const tally = IndicatorTally.empty(plan, indicator);
        if (tally) tallies.set(indicator.id, tally);
      }
      IndicatorTally.fill([...tallies.values()], this.facts);
      for (const tally of tallies.values())
        this.talliesByKind.set(tally.kind, [...(this.talliesByKind.get(tally.kind) ?? []), tally]);
      this.tallies.set(plan.id, tallies);
      this.facts.onChange = this.updateTallies;
    }
    return tallies;
  }

  private dropTallies(planId: string): void {
    const dropped = new Set(this.tallies.get(planId)?.values() ?? []);
    this.tallies.delete(planId);
    for (const [kind, list] of this.talliesByKind)
      this.talliesByKind.set(
        kind,
        list.filter((t) => !dropped.has(t)),
      );
  }

  /** Plans in order of their periods. */
  planList(): Plan[] {
    return [...this.plans.values()].sort((a, b) => (a.period.start < b.period.start ? -1 : 1));
  }
}
