import { Rejection } from '@highland/contracts';
import { ConcurrencyConflict, type EventPublisher } from '@highland/messaging';
import type { AggregateSource } from './aggregate-view.js';
import type { CallContext, Command } from './command.js';

export type BulkOutcome = { status: 'recorded' | 'unchanged' } | { status: 'rejected'; rejection: Rejection };

/**
 * Many commands of one caller (a bulk import) through the same write path as one command — each
 * decided against the view, its event validated against the contract and published with the
 * aggregate's expected last sequence, answered once JetStream holds it and the view applied it —
 * but pipelined: the publishes of a window go out together (one socket write for many), their
 * acknowledgements are awaited together, and the view is awaited once at the end.
 *
 * Whatever the fast path cannot settle goes through the ordinary path (`run`: a lane per aggregate,
 * catch-up and re-decide) after the others: a command whose aggregate moved meanwhile (JetStream
 * refused the expected sequence: another replica, a concurrent request) and a command on an
 * aggregate an earlier command of this batch already changes. So the outcome is the one the
 * commands would have had one after the other, in their order.
 */
export class BulkCommands<S> {
  private readonly outcomes: Array<BulkOutcome | undefined> = [];
  private readonly retry: Array<{ index: number; command: Command<S> }> = [];
  private readonly touched = new Set<string>();
  private window: Array<Promise<void>> = [];
  private readonly windows: Array<Promise<void>> = [];
  private lastSeq = 0;

  constructor(
    private readonly view: AggregateSource<S>,
    private readonly publisher: EventPublisher,
    private readonly ctx: Omit<CallContext, 'eventId'>,
    private readonly run: (command: Command<S>) => Promise<{ changed: boolean }>,
  ) {}

  /** Decides and publishes (without waiting for the acknowledgement); returns the command's index. */
  submit(command: Command<S>): number {
    const index = this.outcomes.length;
    this.outcomes.push(undefined);
    if (this.touched.has(command.aggregateId)) {
      this.retry.push({ index, command });
      return index;
    }
    this.touched.add(command.aggregateId);
    const current = this.view.get(command.aggregateId);
    let decision;
    try {
      decision = command.decide(current);
    } catch (err) {
      if (!(err instanceof Rejection)) throw err;
      this.outcomes[index] = { status: 'rejected', rejection: err };
      return index;
    }
    if (!decision) {
      if (!current)
        throw new Error(`decide() of a command on the new aggregate ${command.aggregateId} returned nothing`);
      this.outcomes[index] = { status: 'unchanged' };
      return index;
    }
    // The one validation of the event: against its contract, before it is sent.
    const event = this.publisher.envelope(decision.contract, {
      aggregateId: command.aggregateId,
      aggregateSeq: (current?.version ?? 0) + 1,
      data: decision.data,
      actor: this.ctx.actor,
      reason: command.reason ?? command.name,
      correlationId: this.ctx.correlationId,
    });
    const acked = this.publisher.send(decision.contract, event, current?.streamSeq ?? 0).then(
      (published) => {
        this.outcomes[index] = { status: 'recorded' };
        if (published.seq > this.lastSeq) this.lastSeq = published.seq;
      },
      (err: unknown) => {
        if (!(err instanceof ConcurrencyConflict)) throw err;
        this.retry.push({ index, command });
      },
    );
    // A failure surfaces where the window is awaited (drain); should the caller stop before that
    // (a throw while submitting), it must not become an unhandled rejection.
    acked.catch(() => undefined);
    this.window.push(acked);
    return index;
  }

  /**
   * Closes the current window of publishes and waits until at most `open` windows are still
   * unacknowledged (so a large batch keeps a bounded number of publishes in flight).
   */
  async drain(open = 1): Promise<void> {
    if (this.window.length) {
      const all = Promise.all(this.window).then(() => undefined);
      all.catch(() => undefined);
      this.windows.push(all);
      this.window = [];
    }
    while (this.windows.length > open) await this.windows.shift();
  }

  /** Waits for every acknowledgement and for the view, then runs what the fast path left over. */
  async finish(): Promise<BulkOutcome[]> {
    await this.drain(0);
    if (this.lastSeq > 0) await this.view.waitFor(this.lastSeq);
    this.retry.sort((a, b) => a.index - b.index);
    for (const { index, command } of this.retry) {
      try {
        const result = await this.run(command);
        this.outcomes[index] = { status: result.changed ? 'recorded' : 'unchanged' };
      } catch (err) {
        if (!(err instanceof Rejection)) throw err;
        this.outcomes[index] = { status: 'rejected', rejection: err };
      }
    }
    return this.outcomes as BulkOutcome[];
  }
}
