import type { EventEnvelope } from '@highland/contracts';
import type { NatsHandle, Topology } from '@highland/messaging';
import { type AggregateEntry, AggregateView } from '@highland/persistence';
import { reduce, type RegistryKind, type RegistryState } from '../domain/aggregates/state.js';
import { StandardsIndex } from '../queries/standards-index.js';

export type Entry = AggregateEntry<RegistryState>;

/**
 * The registry in memory, on every replica: all aggregates (kept current from the registry's own
 * stream) plus the indexes the queries need, so a filtered page over 100,000 standards never
 * touches the store.
 */
export class RegistryView {
  readonly aggregates: AggregateView<RegistryState>;
  private readonly byKind = new Map<RegistryKind, Map<string, Entry>>();
  private readonly idByCode = new Map<string, string>();
  /** Secondary indexes over the standards: what list queries use. */
  readonly standards = new StandardsIndex();
  private orderTimer?: NodeJS.Timeout;

  constructor(nats: NatsHandle, topology: Topology) {
    this.aggregates = new AggregateView<RegistryState>(nats, topology, {
      service: 'registry',
      reducer: reduce,
      onApplied: (id, entry, previous) => this.index(id, entry, previous),
    });
  }

  start(): Promise<void> {
    return this.aggregates.start();
  }

  assertHealthy(): void {
    this.aggregates.assertHealthy();
  }

  stop(): Promise<void> {
    clearTimeout(this.orderTimer);
    this.orderTimer = undefined;
    return this.aggregates.stop();
  }

  private index(id: string, entry: Entry, previous: Entry | undefined): void {
    const kind = entry.state.kind;
    (this.byKind.get(kind) ?? this.byKind.set(kind, new Map()).get(kind)!).set(id, entry);
    if (kind === 'standard') {
      if (!previous) this.idByCode.set(entry.state.code, id);
      this.standards.upsert(id, entry.state);
      if (!this.orderTimer && this.standards.unordered > 0) this.orderSoon();
    }
  }

  /**
   * New standards join the code order in the background once arrivals pause (or pile up), so a
   * query rarely has to merge them itself.
   */
  private orderSoon(): void {
    let seen = this.standards.unordered;
    const tick = () => {
      const now = this.standards.unordered;
      if (now > seen && now < Math.max(2_000, this.standards.size / 4)) {
        seen = now;
        this.orderTimer = setTimeout(tick, 200).unref();
        return;
      }
      this.orderTimer = undefined;
      this.standards.flush();
    };
    this.orderTimer = setTimeout(tick, 200).unref();
  }

  get(id: string): Entry | undefined {
    return this.aggregates.get(id);
  }

  of<K extends RegistryKind>(kind: K): Map<string, Entry & { state: Extract<RegistryState, { kind: K }> }> {
    return (this.byKind.get(kind) ?? new Map()) as Map<
      string,
      Entry & { state: Extract<RegistryState, { kind: K }> }
    >;
  }

  standardIdByCode(normalizedCode: string): string | undefined {
    return this.idByCode.get(normalizedCode);
  }

  count(kind: RegistryKind): number {
    return this.byKind.get(kind)?.size ?? 0;
  }

  waitFor(seq: number): Promise<void> {
    return this.aggregates.waitFor(seq);
  }
}

export type { EventEnvelope };
