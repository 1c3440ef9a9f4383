import type { Actor } from '@highland/contracts';
import type { AggregateEntry } from './aggregate-view.js';
import type { Decision } from './command-executor.js';

/**
 * One command against one aggregate, bound to its input: what the write path runs. A command
 * file exports its input schema and a factory that returns this (see `docs/new-service.md`).
 *
 * `decide` is pure: against the aggregate's current entry (undefined when it does not exist yet)
 * it returns the event to record, undefined when the command changes nothing (the same thing
 * recorded again), or throws a `Rejection` (from `@highland/contracts`) — never an HTTP error.
 */
export interface Command<S> {
  aggregateId: string;
  /** The command's name: the event's reason when the caller gives none. */
  name: string;
  reason?: string;
  decide(current: AggregateEntry<S> | undefined): Decision | undefined;
}

/** Who asks and under which request: every event names its actor and correlates to its call. */
export interface CallContext {
  actor: Actor;
  correlationId: string;
  /** The event that caused this command (a reaction to another event). */
  causationId?: string;
  /** Set when the request carried an Idempotency-Key: a retry reuses the event id. */
  eventId?: string;
}
