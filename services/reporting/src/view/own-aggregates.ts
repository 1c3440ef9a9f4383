import type { EventEnvelope } from '@highland/contracts';
import type { AggregateEntry, AggregateSource } from '@highland/persistence';

/** Reporting's own stream: plans and peer figures, recorded by its commands. */
export const OWN_SERVICE = 'reporting';

/** An own aggregate holds its last event's data (a plan definition, peer figures). */
export interface OwnState {
  data: unknown;
}

/**
 * Reporting's own aggregates, kept from the reporting stream the view follows anyway: what its
 * commands decide against and wait for. Applying is idempotent by stream sequence, so the old and
 * the new followers of a rebuild can both feed it; it outlives rebuilds.
 */
export class OwnAggregates implements AggregateSource<OwnState> {
  private readonly entries = new Map<string, AggregateEntry<OwnState>>();

  constructor(
    /** Waits until the view's current follower of the reporting stream applied a sequence. */
    private readonly waitForSeq: (streamSeq: number, timeoutMs?: number) => Promise<void>,
  ) {}

  apply(event: EventEnvelope, streamSeq: number): void {
    const id = event.aggregate.id;
    const previous = this.entries.get(id);
    if (previous && previous.streamSeq >= streamSeq) return;
    this.entries.set(id, { state: { data: event.data }, version: event.aggregate.seq, streamSeq });
  }

  get(id: string): AggregateEntry<OwnState> | undefined {
    return this.entries.get(id);
  }

  get size(): number {
    return this.entries.size;
  }

  waitFor(streamSeq: number, timeoutMs?: number): Promise<void> {
    return this.waitForSeq(streamSeq, timeoutMs);
  }
}
