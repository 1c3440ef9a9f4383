import { DeliverPolicy, type ConsumerMessages } from '@nats-io/jetstream';
import type { NatsHandle } from './connection.js';
import { decodeEvent, type Decoded } from './inbound.js';
import { extractTrace, withConsumerSpan } from './tracing.js';

export interface FollowerOptions {
  stream: string;
  filterSubjects: string[];
  /** First stream sequence to read (1 = from the start). */
  fromSeq?: number;
  onEvent(decoded: Decoded, streamSeq: number): void | Promise<void>;
  /** Once caught up, handle each live event in a consumer span continuing the producer's trace. */
  traceAs?: string;
}

/**
 * Follows a stream with an ordered (ephemeral) consumer: how each replica keeps its in-memory view
 * current. Knows when it has caught up, and lets a caller wait until a given sequence is applied
 * (read-your-writes after a command).
 */
export class StreamFollower {
  private messages?: ConsumerMessages;
  private loop?: Promise<void>;
  private applied = 0;
  private waiters: Array<{ seq: number; resolve: () => void }> = [];
  private caughtUp!: Promise<void>;
  private markCaughtUp!: () => void;

  constructor(
    private readonly nats: NatsHandle,
    private readonly opts: FollowerOptions,
  ) {}

  get lastApplied(): number {
    return this.applied;
  }

  async start(): Promise<void> {
    this.caughtUp = new Promise((r) => (this.markCaughtUp = r));
    const fromSeq = Math.max(1, this.opts.fromSeq ?? 1);
    this.applied = fromSeq - 1;
    const consumer = await this.nats.js.consumers.get(this.opts.stream, {
      filter_subjects: this.opts.filterSubjects,
      ...(fromSeq > 1 ? { deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: fromSeq } : {}),
    });
    const info = await consumer.info(true);
    if (info.num_pending === 0) this.markCaughtUp();
    this.messages = await consumer.consume({ max_messages: 2_000 });
    this.loop = (async () => {
      let live = false;
      void this.caughtUp.then(() => (live = true));
      for await (const m of this.messages!) {
        const decoded = decodeEvent({
          subject: m.subject,
          data: m.data,
          headers: m.headers,
          streamSeq: m.seq,
        });
        if (live && this.opts.traceAs && decoded.ok) {
          // Replays stay span-free; live events join the trace of the request that caused them.
          await withConsumerSpan(extractTrace(m.headers), this.opts.traceAs, decoded.event.type, async () =>
            this.opts.onEvent(decoded, m.seq),
          );
        } else {
          await this.opts.onEvent(decoded, m.seq);
        }
        this.applied = m.seq;
        if (m.info.pending === 0) this.markCaughtUp();
        if (this.waiters.length) this.release();
      }
    })();
  }

  /** Resolves once everything in the stream when start() ran has been applied. */
  whenCaughtUp(): Promise<void> {
    return this.caughtUp;
  }

  /** Resolves once the event at this stream sequence (or a later one) has been applied. */
  waitFor(seq: number, timeoutMs = 10_000): Promise<void> {
    if (this.applied >= seq) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`view did not reach stream sequence ${seq} in ${timeoutMs} ms`)),
        timeoutMs,
      );
      this.waiters.push({ seq, resolve: () => (clearTimeout(timer), resolve()) });
    });
  }

  private release(): void {
    const ready = this.waiters.filter((w) => w.seq <= this.applied);
    this.waiters = this.waiters.filter((w) => w.seq > this.applied);
    for (const w of ready) w.resolve();
  }

  async stop(): Promise<void> {
    await this.messages?.close();
    await this.loop?.catch(() => undefined);
  }
}
