import { Rejection } from '@highland/contracts';
import type { Command, Decision } from '@highland/persistence';
import { type Authority, assertInCharge } from '../domain/authority.js';
import { move, type ZoneLifecycle } from '../domain/lifecycle.js';
import type { ZoneState } from '../domain/state.js';

/** A zones command: input bound, decision against the zone's current entry (see @highland/persistence). */
export type ZoneCommand = Command<ZoneState>;

/** The zone a command changes: it exists, and the caller is in charge of it (or the office). */
export function zoneInCharge(
  id: string,
  current: { state: ZoneState } | undefined,
  who: Authority,
): ZoneState {
  if (!current) throw Rejection.notFound(`no zone ${id}`, [{ field: 'path.id', reason: 'no such zone' }]);
  assertInCharge(who, current.state);
  return current.state;
}

/** Refuses a move the lifecycle does not allow: 409 naming the current state and the allowed next ones. */
export function assertMove(zone: ZoneState, to: ZoneLifecycle): void {
  const m = move(zone.state, to);
  if (!m.ok)
    throw Rejection.conflict(m.reason, [{ field: 'state', reason: m.reason }], {
      currentState: m.current,
      allowedNext: m.allowed,
    });
}

/** Refuses a step dated before the zone's previous one: history reads forward. */
export function assertNotBefore(zone: ZoneState, on: string, field: string): void {
  const last = zone.steps.at(-1);
  if (last && on < last.on)
    throw Rejection.conflict(`dated ${on}, before the zone's previous step (${last.to} on ${last.on})`, [
      { field, reason: `before ${last.on}, when the zone became ${last.to}` },
    ]);
}

/** Same JSON: a repeated command that records what is already there is answered unchanged. */
export const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * One lifecycle move: the zone exists and is the caller's, the same move again is unchanged, the
 * move is allowed and dated after the previous step. `recorded` is what the zone holds of this
 * move already (undefined when none).
 */
export function lifecycleMove<D extends Record<string, unknown>>(opts: {
  id: string;
  who: Authority;
  to: ZoneLifecycle;
  on: string;
  onField?: string;
  decision: Decision & { data: D };
  recorded?: (zone: ZoneState) => unknown;
  /** Further checks against the zone, once the move is known to be allowed. */
  check?: (zone: ZoneState) => void;
}): (current: { state: ZoneState } | undefined) => Decision | undefined {
  return (current) => {
    const zone = zoneInCharge(opts.id, current, opts.who);
    if (zone.state === opts.to && opts.recorded && same(opts.recorded(zone), opts.decision.data))
      return undefined;
    assertMove(zone, opts.to);
    assertNotBefore(zone, opts.on, opts.onField ?? 'body.on');
    opts.check?.(zone);
    return opts.decision;
  };
}
