import type { Area } from '../area.js';
import { cmp } from './collections.js';

/**
 * Which exporter profiles a notification concerns, and why.
 *
 * A profile matches a notification when ALL of:
 * - **market**: the notifying member is one of the profile's markets, with the EU rule (a
 *   profile on `EU` sees notifications by the EU and by each EU member State; a profile on `DEU`
 *   sees the EU's) — a profile with no markets sees every market;
 * - **area**: the notification's TBT/SPS area is one of the profile's — none means both;
 *
 * and AT LEAST ONE of:
 * - **hs**: a profile HS code and a notification HS code, one a prefix of the other (profile
 *   `8504` matches notification `85` and `850440`);
 * - **ics**: the same for ICS codes, on whole segments (`13.020` matches `13` and `13.020.10`,
 *   not `13.02`);
 * - **keyword**: a profile keyword occurs in the title, description, products covered or one of
 *   the notification's keywords (words and phrases, any case, plurals folded; Chinese, Japanese
 *   and Korean as substrings — see `keywords.ts`).
 *
 * Every pair that matched is a reason, and so are the market and area that let it through
 * (`profileValue: '*'` when the profile does not restrict them). Objectives of interest that
 * occur among the notification's objectives are listed as `objective` reasons: they explain,
 * they never make or prevent a match.
 */
export type MatchRule = 'hs' | 'ics' | 'keyword' | 'objective' | 'market' | 'area';

export interface MatchReason {
  rule: MatchRule;
  /** The profile's value (`8504`, `battery`, `EU`), or `*` for an unrestricted market or area. */
  profileValue: string;
  /** The notification's value it matched (`850440`, `Batteries`, `DEU`). */
  notificationValue: string;
  /** The notification field: hsCodes, icsCodes, title, description, products, keywords, objectives, member, area. */
  field: string;
}

export interface ProfileMatch {
  profileId: string;
  enterpriseId: string;
  /** In rule order (hs, ics, keyword, objective, market, area), then field and values. */
  reasons: MatchReason[];
}

/** The parts of a notification matching reads (a `NotificationDraft` has them all). */
export interface MatchableNotification {
  member: string;
  area: Area;
  hsCodes: readonly string[];
  icsCodes: readonly string[];
  title: string;
  description: string;
  products?: string;
  keywords: readonly string[];
  objectives: readonly string[];
}

const RULE_ORDER: Readonly<Record<MatchRule, number>> = {
  hs: 0,
  ics: 1,
  keyword: 2,
  objective: 3,
  market: 4,
  area: 5,
};

export function compareReasons(a: MatchReason, b: MatchReason): number {
  return (
    RULE_ORDER[a.rule] - RULE_ORDER[b.rule] ||
    cmp(a.field, b.field) ||
    cmp(a.profileValue, b.profileValue) ||
    cmp(a.notificationValue, b.notificationValue)
  );
}

/** `29.220.30.` → `29.220.30`: no spaces, no trailing dots. */
export function normalizeIcsCode(code: string): string {
  return code.trim().replace(/\.+$/, '');
}

/** `8504` → `85`, `850` (proper prefixes of two digits or more). */
export function hsPrefixes(code: string): string[] {
  const out: string[] = [];
  for (let k = 2; k < code.length; k += 1) out.push(code.slice(0, k));
  return out;
}

/** `13.020.10` → `13`, `13.020` (proper prefixes on segment boundaries). */
export function icsPrefixes(code: string): string[] {
  const segments = code.split('.');
  return segments.slice(1).map((_, i) => segments.slice(0, i + 1).join('.'));
}

/** A reason as the index shares it between matches. */
export function reason(
  rule: MatchRule,
  profileValue: string,
  notificationValue: string,
  field: string,
): MatchReason {
  // Shared by every match that has it: frozen so no consumer can change another's.
  return Object.freeze({ rule, profileValue, notificationValue, field });
}
