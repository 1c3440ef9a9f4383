import type { EventEnvelope } from '@highland/contracts';
import { type NatsHandle, StreamFollower, type Topology } from '@highland/messaging';

export interface AggregateEntry<S> {
  state: S;
  /** The aggregate's own event count. */
  version: number;
  /** Stream sequence of its last event: the expected sequence for the next command. */
  streamSeq: number;
}

/**
 * What the write path reads of a service's own aggregates: an AggregateView, or any view that
 * follows the service's stream anyway and keeps the entries (reporting's).
 */
export type AggregateSource<S> = Pick<AggregateView<S>, 'get' | 'waitFor'>;

export type Reducer<S> = (state: S | undefined, event: EventEnvelope) => S;

export interface AggregateViewOptions<S> {
  service: string;
  reducer: Reducer<S>;
  /** Called after each applied event, for secondary in-memory indexes kept by the service. */
  onApplied?: (
    id: string,
    entry: AggregateEntry<S>,
    previous: AggregateEntry<S> | undefined,
    event: EventEnvelope,
  ) => void;
  /** Called for a message that fails its contract: the view skips it (it is the producer's own log). */
  onInvalid?: (streamSeq: number, reason: string) => void;
}

/**
 * Every aggregate of a service, in memory, kept current from the service's own event stream by
 * each replica. Commands decide against it; queries read it. It can start from snapshots (the
 * store's durable copy) and then follow the stream from the snapshot's checkpoint.
 */
export class AggregateView<S> {
  private readonly entries = new Map<string, AggregateEntry<S>>();
  private follower?: StreamFollower;

  constructor(
    private readonly nats: NatsHandle,
    private readonly topology: Topology,
    private readonly opts: AggregateViewOptions<S>,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  get(id: string): AggregateEntry<S> | undefined {
    return this.entries.get(id);
  }

  values(): IterableIterator<[string, AggregateEntry<S>]> {
    return this.entries.entries();
  }

  /** Seeds the view from stored snapshots, before start(). */
  load(snapshots: Iterable<[string, AggregateEntry<S>]>): void {
    for (const [id, entry] of snapshots) {
      this.entries.set(id, entry);
      this.opts.onApplied?.(id, entry, undefined, undefined as unknown as EventEnvelope);
    }
  }

  async start(fromSeq = 1): Promise<void> {
    this.follower = new StreamFollower(this.nats, {
      stream: this.topology.eventStream(this.opts.service).name,
      filterSubjects: [this.topology.serviceEvents(this.opts.service)],
      fromSeq,
      onEvent: (decoded, seq) => {
        if (!decoded.ok) {
          this.opts.onInvalid?.(seq, decoded.reason);
          return;
        }
        this.apply(decoded.event, seq);
      },
    });
    await this.follower.start();
    await this.follower.whenCaughtUp();
  }

  /** Applies one event; an event at or below the aggregate's known stream sequence is a no-op. */
  apply(event: EventEnvelope, streamSeq: number): void {
    const id = event.aggregate.id;
    const previous = this.entries.get(id);
    if (previous && previous.streamSeq >= streamSeq) return;
    const entry: AggregateEntry<S> = {
      state: this.opts.reducer(previous?.state, event),
      version: event.aggregate.seq,
      streamSeq,
    };
    this.entries.set(id, entry);
    this.opts.onApplied?.(id, entry, previous, event);
  }

  waitFor(streamSeq: number, timeoutMs?: number): Promise<void> {
    if (!this.follower) throw new Error('view not started');
    return this.follower.waitFor(streamSeq, timeoutMs);
  }

  /** Throws while the view replays, after its follower failed, or with NATS lost (readiness). */
  assertHealthy(): void {
    if (!this.follower) throw new Error('not started');
    this.follower.assertHealthy();
  }

  get lastApplied(): number {
    return this.follower?.lastApplied ?? 0;
  }

  async stop(): Promise<void> {
    await this.follower?.stop();
  }
}
