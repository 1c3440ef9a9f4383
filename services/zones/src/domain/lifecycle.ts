import { ZONE_STATE_AFTER, ZONE_STATES } from '@highland/contracts';
/**
 * A zone's lifecycle, from proposal to acceptance and after. Mid-term review is optional (service
 * pilots may go straight to acceptance); a zone that must rectify is inspected again, as often as
 * the authority requires. Revoked, failed and expired are final.
 */
export { ZONE_STATES };
export type ZoneLifecycle = (typeof ZONE_STATES)[number];

export const NEXT: Readonly<Record<ZoneLifecycle, readonly ZoneLifecycle[]>> = {
  proposed: ['applied'],
  applied: ['approved'],
  approved: ['under-construction', 'revoked'],
  'under-construction': ['midterm-reviewed', 'inspected', 'revoked'],
  'midterm-reviewed': ['inspected', 'revoked'],
  inspected: ['passed', 'rectification-required', 'failed'],
  'rectification-required': ['inspected', 'revoked'],
  passed: ['revoked', 'expired'],
  failed: [],
  revoked: [],
  expired: [],
};

/** The lifecycle state each zones event moves a zone to (absent: the event changes no state). */
export const STATE_AFTER = ZONE_STATE_AFTER;

export type Move =
  { ok: true } | { ok: false; reason: string; current: ZoneLifecycle; allowed: readonly ZoneLifecycle[] };

/** Whether a zone in `current` may move to `to`; when not, why, and where it may go instead. */
export function move(current: ZoneLifecycle, to: ZoneLifecycle): Move {
  const allowed = NEXT[current];
  if (allowed.includes(to)) return { ok: true };
  const where = allowed.length ? `it may move to ${allowed.join(', ')}` : 'it is final';
  return { ok: false, reason: `a zone ${current} cannot become ${to}: ${where}`, current, allowed };
}

/** States of an approved zone that is not yet accepted: the pipeline reporting and reminders watch. */
export const IN_CONSTRUCTION: readonly ZoneLifecycle[] = [
  'approved',
  'under-construction',
  'midterm-reviewed',
  'inspected',
  'rectification-required',
];
