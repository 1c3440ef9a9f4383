import type { ExporterProfile } from '../profile.js';
import { findKeyword } from '../keywords.js';
import {
  compile,
  isPrepared,
  prepareNotification,
  type CompiledProfile,
  type PreparedNotification,
} from './prepare.js';
import {
  compareReasons,
  icsPrefixes,
  type MatchableNotification,
  type MatchReason,
  type ProfileMatch,
} from './rules.js';

// The rules applied directly, pair by pair: one profile at a time (`matchProfile`) or every
// profile in turn (`naiveMatch`). The index (`profile-index.ts`) must give the same answers.

/** The market and area reasons, or `undefined` when either shuts the profile out. */
function gate(cp: CompiledProfile, pn: PreparedNotification): [MatchReason, MatchReason] | undefined {
  let market: MatchReason | undefined;
  if (cp.marketSet === null)
    market = { rule: 'market', profileValue: '*', notificationValue: pn.member, field: 'member' };
  else {
    const hit = cp.markets.find((m) => pn.covering.has(m));
    if (hit === undefined) return undefined;
    market = { rule: 'market', profileValue: hit, notificationValue: pn.member, field: 'member' };
  }
  if (cp.areas !== null && !cp.areas.has(pn.area)) return undefined;
  const area: MatchReason = {
    rule: 'area',
    profileValue: cp.areas === null ? '*' : pn.area,
    notificationValue: pn.area,
    field: 'area',
  };
  return [market, area];
}

function objectiveReasons(cp: CompiledProfile, pn: PreparedNotification, reasons: MatchReason[]): void {
  for (const pattern of cp.objectives) {
    const hit = pn.objectives.find((o) => findKeyword(pattern, o.text) !== undefined);
    if (hit !== undefined) {
      reasons.push({
        rule: 'objective',
        profileValue: pattern.original,
        notificationValue: hit.value,
        field: 'objectives',
      });
    }
  }
}

/** The qualifying reasons (hs, ics, keyword) of one compiled profile, by direct comparison of every pair. */
function qualifyingReasons(cp: CompiledProfile, pn: PreparedNotification, reasons: MatchReason[]): void {
  // HS: notification codes that are prefixes of (or equal to) the profile code, then those under it.
  for (const p of cp.hs) {
    for (let k = 2; k <= p.length; k += 1) {
      const n = p.slice(0, k);
      if (pn.hsSet.has(n))
        reasons.push({ rule: 'hs', profileValue: p, notificationValue: n, field: 'hsCodes' });
    }
    for (const n of pn.hsBelow.get(p) ?? []) {
      reasons.push({ rule: 'hs', profileValue: p, notificationValue: n, field: 'hsCodes' });
    }
  }
  for (const p of cp.ics) {
    for (const n of [...icsPrefixes(p), p]) {
      if (pn.icsSet.has(n))
        reasons.push({ rule: 'ics', profileValue: p, notificationValue: n, field: 'icsCodes' });
    }
    for (const n of pn.icsBelow.get(p) ?? []) {
      reasons.push({ rule: 'ics', profileValue: p, notificationValue: n, field: 'icsCodes' });
    }
  }
  for (const pattern of cp.keywords) {
    for (const { field, text } of pn.texts) {
      const hit = findKeyword(pattern, text);
      if (hit !== undefined)
        reasons.push({ rule: 'keyword', profileValue: pattern.original, notificationValue: hit, field });
    }
    const entry = pn.keywords.find((k) => findKeyword(pattern, k.text) !== undefined);
    if (entry !== undefined) {
      reasons.push({
        rule: 'keyword',
        profileValue: pattern.original,
        notificationValue: entry.value,
        field: 'keywords',
      });
    }
  }
}

function verify(cp: CompiledProfile, pn: PreparedNotification): ProfileMatch | undefined {
  const gates = gate(cp, pn);
  if (gates === undefined) return undefined;
  const reasons: MatchReason[] = [];
  qualifyingReasons(cp, pn, reasons);
  if (reasons.length === 0) return undefined;
  objectiveReasons(cp, pn, reasons);
  reasons.push(gates[0], gates[1]);
  return {
    profileId: cp.profile.id,
    enterpriseId: cp.profile.enterpriseId,
    reasons: reasons.sort(compareReasons),
  };
}

/**
 * Whether one profile matches a notification, and why: the rules applied directly, pair by
 * pair. The index finds candidates and then decides with this same function.
 */
export function matchProfile(
  profile: ExporterProfile,
  notification: MatchableNotification | PreparedNotification,
): ProfileMatch | undefined {
  const pn = isPrepared(notification) ? notification : prepareNotification(notification);
  return verify(compile(profile), pn);
}

/**
 * Every profile checked one by one with {@link matchProfile}: what the index must agree with,
 * and its benchmark baseline. Profiles are compiled once per object and cached, so repeated
 * scans measure matching, not compiling.
 */
export function naiveMatch(
  profiles: readonly ExporterProfile[],
  notification: MatchableNotification | PreparedNotification,
): ProfileMatch[] {
  const pn = isPrepared(notification) ? notification : prepareNotification(notification);
  const out: ProfileMatch[] = [];
  for (const profile of profiles) {
    const match = matchProfile(profile, pn);
    if (match !== undefined) out.push(match);
  }
  return out;
}
