import type { NatsHandle, Topology } from '@highland/messaging';
import { type AggregateEntry, AggregateView } from '@highland/persistence';
import { reduce, type ZoneState } from '../domain/state.js';

export type Entry = AggregateEntry<ZoneState>;

/**
 * Every zone in memory, on every replica, kept current from the zones stream: commands decide
 * against it, queries filter it (a few thousand zones at most, so a scan with a prefilter by
 * state is fast enough; the index by state keeps the office's pipeline questions cheap).
 */
export class ZonesView {
  readonly aggregates: AggregateView<ZoneState>;
  private readonly byState = new Map<string, Set<string>>();

  constructor(nats: NatsHandle, topology: Topology) {
    this.aggregates = new AggregateView<ZoneState>(nats, topology, {
      service: 'zones',
      reducer: reduce,
      onApplied: (id, entry, previous) => {
        if (previous) this.byState.get(previous.state.state)?.delete(id);
        (
          this.byState.get(entry.state.state) ??
          this.byState.set(entry.state.state, new Set()).get(entry.state.state)!
        ).add(id);
      },
    });
  }

  start(): Promise<void> {
    return this.aggregates.start();
  }

  stop(): Promise<void> {
    return this.aggregates.stop();
  }

  assertHealthy(): void {
    this.aggregates.assertHealthy();
  }

  get(id: string): Entry | undefined {
    return this.aggregates.get(id);
  }

  /** Every zone, or those in one of `states`. */
  *zones(states?: readonly string[]): Iterable<[string, Entry]> {
    if (!states) {
      yield* this.aggregates.values();
      return;
    }
    for (const s of states) for (const id of this.byState.get(s) ?? []) yield [id, this.aggregates.get(id)!];
  }

  get size(): number {
    return this.aggregates.size;
  }
}
