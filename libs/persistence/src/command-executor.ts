import type { Actor, EventContract, EventData, EventEnvelope } from '@highland/contracts';
import {
  ConcurrencyConflict,
  type EventPublisher,
  type NatsHandle,
  type Topology,
} from '@highland/messaging';
import type { AggregateEntry, AggregateSource } from './aggregate-view.js';

export interface Decision<C extends EventContract = EventContract> {
  contract: C;
  data: EventData<C>;
}

export interface CommandInput<S> {
  aggregateId: string;
  /**
   * Pure decision against the current state: returns the event, undefined when the command
   * changes nothing (the same thing recorded again), or throws a domain error.
   */
  decide: (current: AggregateEntry<S> | undefined) => Decision | undefined;
  actor: Actor;
  reason: string;
  correlationId: string;
  causationId?: string;
  /** A retried request (same Idempotency-Key) passes the same id so JetStream stores the event once. */
  eventId?: string;
}

export type CommandResult<S> =
  | { changed: true; event: EventEnvelope; streamSeq: number; entry: AggregateEntry<S>; duplicate: boolean }
  | { changed: false; entry: AggregateEntry<S> };

/**
 * The write path. The event is the state change: it becomes durable in one JetStream publish,
 * guarded by the aggregate's expected last sequence, so there is no second write to lose and two
 * concurrent commands on one aggregate cannot both win — on any store. On a conflict the view
 * catches up and the decision is taken again against the newer state.
 */
export class CommandExecutor<S> {
  constructor(
    private readonly nats: NatsHandle,
    private readonly topology: Topology,
    private readonly service: string,
    private readonly publisher: EventPublisher,
    private readonly view: AggregateSource<S>,
    private readonly maxAttempts = 10,
  ) {}

  private readonly lanes = new Map<string, Promise<unknown>>();

  /**
   * Commands on one aggregate take turns within this process, so conflicts arise only between
   * replicas; those are settled by JetStream and retried with jitter.
   */
  execute(cmd: CommandInput<S>): Promise<CommandResult<S>> {
    const previous = this.lanes.get(cmd.aggregateId) ?? Promise.resolve();
    const run = previous.catch(() => undefined).then(() => this.attempt(cmd));
    this.lanes.set(cmd.aggregateId, run);
    void run
      .catch(() => undefined)
      .finally(() => {
        if (this.lanes.get(cmd.aggregateId) === run) this.lanes.delete(cmd.aggregateId);
      });
    return run;
  }

  private async attempt(cmd: CommandInput<S>): Promise<CommandResult<S>> {
    for (let attempt = 1; ; attempt++) {
      const current = this.view.get(cmd.aggregateId);
      const decision = cmd.decide(current);
      if (!decision) {
        if (!current)
          throw new Error(`decide() of a command on the new aggregate ${cmd.aggregateId} returned nothing`);
        return { changed: false, entry: current };
      }
      try {
        const published = await this.publisher.publish(decision.contract, {
          aggregateId: cmd.aggregateId,
          aggregateSeq: (current?.version ?? 0) + 1,
          data: decision.data,
          actor: cmd.actor,
          reason: cmd.reason,
          correlationId: cmd.correlationId,
          causationId: cmd.causationId,
          id: cmd.eventId,
          expectedLastSeq: current?.streamSeq ?? 0,
        });
        await this.view.waitFor(published.seq);
        return {
          changed: true,
          event: published.event,
          streamSeq: published.seq,
          entry: this.view.get(cmd.aggregateId)!,
          duplicate: published.duplicate,
        };
      } catch (err) {
        if (!(err instanceof ConcurrencyConflict) || attempt >= this.maxAttempts) throw err;
        await this.catchUp(cmd.aggregateId);
        await new Promise((r) => setTimeout(r, Math.random() * 10 * attempt));
      }
    }
  }

  /** Waits until the view holds the aggregate's latest event in the stream. */
  private async catchUp(aggregateId: string): Promise<void> {
    const stream = this.topology.eventStream(this.service).name;
    const last = await this.nats.jsm.streams
      .getMessage(stream, { last_by_subj: this.topology.aggregateFilter(this.service, aggregateId) })
      .catch(() => undefined);
    if (last) await this.view.waitFor(last.seq);
  }
}
