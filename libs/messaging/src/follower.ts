import type { EventContract } from '@highland/contracts';
import { DeliverPolicy, type ConsumerMessages, type JsMsg } from '@nats-io/jetstream';
import type { NatsHandle } from './connection.js';
import { ViewBehind } from './errors.js';
import {
  carriesTraceContext,
  decodeEvent,
  type Decoded,
  type Delivery,
  deliveryOf,
  inboundOf,
} from './inbound.js';
import { extractTrace, withConsumerSpan } from './tracing.js';

export interface FollowerOptions {
  stream: string;
  filterSubjects: string[];
  /** First stream sequence to read (1 = from the start). */
  fromSeq?: number;
  /** The contracts to decode events by, when not the catalogue's (a test's own service). */
  contracts?: ReadonlyArray<EventContract>;
  onEvent(decoded: Decoded, streamSeq: number): void | Promise<void>;
  /** Once caught up, handle each traced live event in a consumer span continuing the producer's trace. */
  traceAs?: string;
}

/**
 * Follows a stream with an ordered (ephemeral) consumer: how each replica keeps its in-memory view
 * current. Knows when it has caught up, and lets a caller wait until a given sequence is applied
 * (read-your-writes after a command).
 */
export class StreamFollower {
  private messages?: ConsumerMessages;
  private readonly queue: JsMsg[] = [];
  private pumping?: Promise<void>;
  /** A pump is running (set and cleared synchronously, unlike the promise). */
  private busy = false;
  private applied = 0;
  private live = false;
  private failure?: Error;
  private waiters: Array<{ seq: number; resolve: () => void }> = [];
  private caughtUp!: Promise<void>;
  private resolveCaughtUp!: () => void;

  constructor(
    private readonly nats: NatsHandle,
    private readonly opts: FollowerOptions,
  ) {}

  get lastApplied(): number {
    return this.applied;
  }

  /** The error that stopped the follower (a failing onEvent), if any. */
  get error(): Error | undefined {
    return this.failure;
  }

  private disconnectedSince?: number;
  private watchingStatus = false;

  /** Tracks the connection's state for assertHealthy (nats.js reports it as an async stream). */
  private watchStatus(): void {
    if (this.watchingStatus) return;
    this.watchingStatus = true;
    void (async () => {
      for await (const s of this.nats.nc.status()) {
        if (s.type === 'disconnect') this.disconnectedSince ??= performance.now();
        else if (s.type === 'reconnect') this.disconnectedSince = undefined;
      }
    })().catch(() => undefined);
  }

  async start(): Promise<void> {
    this.watchStatus();
    this.caughtUp = new Promise((r) => (this.resolveCaughtUp = r));
    this.live = false;
    const fromSeq = Math.max(1, this.opts.fromSeq ?? 1);
    this.applied = fromSeq - 1;
    const consumer = await this.nats.js.consumers.get(this.opts.stream, {
      filter_subjects: this.opts.filterSubjects,
      ...(fromSeq > 1 ? { deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: fromSeq } : {}),
    });
    const info = await consumer.info(true);
    if (info.num_pending === 0) this.markCaughtUp();
    // The callback form: nats.js's async iterator costs several µs a message, as much as a replay's
    // whole decoding. Messages are applied in stream order, synchronously when onEvent is.
    this.messages = await consumer.consume({
      max_messages: 2_000,
      callback: (m) => this.receive(m),
    });
  }

  private markCaughtUp(): void {
    this.live = true;
    this.resolveCaughtUp();
  }

  /** Applies a message at once when nothing is waiting (a replay's usual case), else queues it. */
  private receive(m: JsMsg): void {
    if (this.busy) {
      this.queue.push(m);
      return;
    }
    if (this.failure) return;
    let pending: Promise<void> | undefined;
    try {
      pending = this.apply(m);
    } catch (err) {
      this.fail(err);
      return;
    }
    if (pending) this.pumping = this.pump(pending);
  }

  private fail(err: unknown): void {
    // A failing onEvent stops the view here rather than skipping an event; stop() reports it.
    this.failure = err instanceof Error ? err : new Error(String(err));
    void this.messages?.close();
  }

  /** Waits for an asynchronous onEvent, then applies what queued up meanwhile, in order. */
  private async pump(first: Promise<void>): Promise<void> {
    const queue = this.queue;
    let next = 0;
    this.busy = true;
    try {
      await first;
      while (next < queue.length && !this.failure) {
        const m = queue[next++]!;
        const pending = this.apply(m);
        if (pending) await pending;
        if (next >= 1_024) {
          queue.splice(0, next);
          next = 0;
        }
      }
    } catch (err) {
      this.fail(err);
    } finally {
      queue.splice(0, next);
      this.busy = false;
    }
  }

  private apply(m: JsMsg): Promise<void> | undefined {
    const delivery = deliveryOf(m);
    const seq = delivery.streamSeq;
    const decoded = decodeEvent(inboundOf(m, seq), this.opts.contracts);
    if (this.live && this.opts.traceAs && decoded.ok && carriesTraceContext(m)) {
      // Replays stay span-free; live events join the trace of the request that caused them.
      return withConsumerSpan(extractTrace(m.headers), this.opts.traceAs, decoded.event.type, async () =>
        this.opts.onEvent(decoded, seq),
      ).then(() => this.markApplied(delivery));
    }
    const result = this.opts.onEvent(decoded, seq);
    if (result) return result.then(() => this.markApplied(delivery));
    this.markApplied(delivery);
    return undefined;
  }

  private markApplied(delivery: Delivery): void {
    this.applied = delivery.streamSeq;
    if (!this.live && delivery.pending === 0) this.markCaughtUp();
    if (this.waiters.length) this.release();
  }

  /** Caught up with the stream as it was at start(), and following it since. */
  get isLive(): boolean {
    return this.live && !this.failure && !!this.messages;
  }

  /**
   * Throws why reads from this follower's view would be wrong now: not started, still replaying,
   * stopped by a failing event, or its connection to NATS lost. Readiness checks call it.
   */
  assertHealthy(): void {
    if (this.failure) throw new Error(`stopped at stream sequence ${this.applied}: ${this.failure.message}`);
    if (!this.messages) throw new Error('not started');
    if (!this.live) throw new Error(`replaying (at stream sequence ${this.applied})`);
    if (this.nats.nc.isClosed()) throw new Error('NATS connection closed');
    const lost = this.disconnectedSince;
    if (lost !== undefined)
      throw new Error(`NATS connection lost ${Math.round(performance.now() - lost)} ms ago`);
  }

  /** Resolves once everything in the stream when start() ran has been applied. */
  whenCaughtUp(): Promise<void> {
    return this.caughtUp;
  }

  /** Resolves once the event at this stream sequence (or a later one) has been applied. */
  waitFor(seq: number, timeoutMs = 10_000): Promise<void> {
    if (this.applied >= seq) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new ViewBehind(seq, timeoutMs)), timeoutMs);
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
    await this.pumping;
  }
}
