import { icsPrefixMatch, marketsCovering, wtoMember } from '@highland/reference-data';
import type { Area } from './area.js';
import { normalizeHsCode } from './codes.js';
import {
  compileKeyword,
  findKeyword,
  prepareText,
  type KeywordPattern,
  type PreparedText,
} from './keywords.js';
import type { ExporterProfile } from './profile.js';
import { uniqueBy } from './text.js';

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

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A notification prepared once for any number of profiles. */
export interface PreparedNotification {
  member: string;
  area: Area;
  /** Markets whose profiles see this member's notifications (`marketsCovering`). */
  covering: ReadonlySet<string>;
  hs: readonly string[];
  ics: readonly string[];
  /** Notification HS codes by each of their proper prefixes (`850440` under `85`, `850`, …). */
  hsBelow: ReadonlyMap<string, readonly string[]>;
  hsSet: ReadonlySet<string>;
  /** Notification ICS codes by each of their proper segment prefixes. */
  icsBelow: ReadonlyMap<string, readonly string[]>;
  icsSet: ReadonlySet<string>;
  /** Title, description, products covered. */
  texts: readonly { field: string; text: PreparedText }[];
  /** The notification's own keywords, each prepared on its own. */
  keywords: readonly { value: string; text: PreparedText }[];
  objectives: readonly { value: string; text: PreparedText }[];
}

/** `29.220.30.` → `29.220.30`: no spaces, no trailing dots. */
function normalizeIcsCode(code: string): string {
  return code.trim().replace(/\.+$/, '');
}

function canonicalMarket(code: string): string {
  return wtoMember(code)?.code ?? code.trim().toUpperCase();
}

export function prepareNotification(n: MatchableNotification): PreparedNotification {
  const member = canonicalMarket(n.member);
  const texts = [
    { field: 'title', text: prepareText(n.title) },
    { field: 'description', text: prepareText(n.description) },
  ];
  if (n.products !== undefined && n.products !== '')
    texts.push({ field: 'products', text: prepareText(n.products) });
  const hs = uniqueBy(
    n.hsCodes.map(normalizeHsCode).filter((c) => /^\d{2,6}$/.test(c)),
    (c) => c,
  );
  const ics = uniqueBy(
    n.icsCodes.map(normalizeIcsCode).filter((c) => c !== ''),
    (c) => c,
  );
  const hsBelow = new Map<string, string[]>();
  for (const code of hs) for (const prefix of hsPrefixes(code)) push(hsBelow, prefix, code);
  const icsBelow = new Map<string, string[]>();
  for (const code of ics) for (const prefix of icsPrefixes(code)) push(icsBelow, prefix, code);
  return {
    member,
    area: n.area,
    covering: new Set(marketsCovering(member)),
    hs,
    ics,
    hsBelow,
    hsSet: new Set(hs),
    icsBelow,
    icsSet: new Set(ics),
    texts,
    keywords: n.keywords.map((value) => ({ value, text: prepareText(value) })),
    objectives: n.objectives.map((value) => ({ value, text: prepareText(value) })),
  };
}

/** A profile compiled for matching: codes normalised, keywords compiled, sets for the gates. */
interface CompiledProfile {
  profile: ExporterProfile;
  hs: readonly string[];
  ics: readonly string[];
  markets: readonly string[];
  /** `null`: every market. */
  marketSet: ReadonlySet<string> | null;
  /** `null`: both areas. */
  areas: ReadonlySet<Area> | null;
  keywords: readonly KeywordPattern[];
  objectives: readonly KeywordPattern[];
}

const compiledCache = new WeakMap<ExporterProfile, CompiledProfile>();

function patterns(values: readonly string[]): KeywordPattern[] {
  return uniqueBy(
    values.flatMap((v) => compileKeyword(v) ?? []),
    (p) => p.key,
  );
}

/**
 * Compiles a profile once per object (cached while the object lives): profiles are values —
 * change one by passing a new object (`ProfileIndex.add` replaces by id), never by mutating it.
 */
function compile(profile: ExporterProfile): CompiledProfile {
  const cached = compiledCache.get(profile);
  if (cached !== undefined) return cached;
  const markets = uniqueBy(profile.markets.map(canonicalMarket), (m) => m);
  const compiled: CompiledProfile = {
    profile,
    hs: uniqueBy(
      profile.hs.map(normalizeHsCode).filter((c) => /^\d{2,6}$/.test(c)),
      (c) => c,
    ),
    ics: uniqueBy(
      profile.ics.map(normalizeIcsCode).filter((c) => c !== ''),
      (c) => c,
    ),
    markets,
    marketSet: markets.length === 0 ? null : new Set(markets),
    areas: profile.areas.length === 0 ? null : new Set(profile.areas),
    keywords: patterns(profile.keywords),
    objectives: patterns(profile.objectives),
  };
  compiledCache.set(profile, compiled);
  return compiled;
}

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

function isPrepared(n: MatchableNotification | PreparedNotification): n is PreparedNotification {
  return 'covering' in n;
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

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}

/** `8504` → `85`, `850` (proper prefixes of two digits or more). */
function hsPrefixes(code: string): string[] {
  const out: string[] = [];
  for (let k = 2; k < code.length; k += 1) out.push(code.slice(0, k));
  return out;
}

/** `13.020.10` → `13`, `13.020` (proper prefixes on segment boundaries). */
function icsPrefixes(code: string): string[] {
  const segments = code.split('.');
  return segments.slice(1).map((_, i) => segments.slice(0, i + 1).join('.'));
}

/**
 * Profiles indexed for matching at scale (100,000 profiles: well under a millisecond per
 * notification when matches are few). The same rules as {@link matchProfile}, found through:
 * - HS: profile codes by exact code, and by each of their proper prefixes, so a notification
 *   code looks up its own prefixes (profile codes above it) and itself (profile codes below it);
 * - ICS: the same on segment boundaries;
 * - keywords: an inverted index on each keyword's first folded word, and on a CJK bigram (or
 *   character) for Chinese, Japanese and Korean keywords; candidates are then verified;
 * - market and area are checked on the candidates only.
 * Results come in the order profiles were added. `add` replaces a profile with the same id.
 */
export class ProfileIndex {
  private slots: (CompiledProfile | undefined)[] = [];
  private readonly slotOf = new Map<string, number>();
  private hsExact = new Map<string, number[]>();
  private hsBelow = new Map<string, number[]>();
  private icsExact = new Map<string, number[]>();
  private icsBelow = new Map<string, number[]>();
  private words = new Map<string, number[]>();
  private cjk = new Map<string, number[]>();
  private removed = 0;
  /** Per-match de-duplication of candidates: slot → epoch of the last match that took it. */
  private stamps = new Uint32Array(0);
  private epoch = 0;

  constructor(profiles: Iterable<ExporterProfile> = []) {
    for (const profile of profiles) this.add(profile);
  }

  get size(): number {
    return this.slotOf.size;
  }

  has(profileId: string): boolean {
    return this.slotOf.has(profileId);
  }

  get(profileId: string): ExporterProfile | undefined {
    const slot = this.slotOf.get(profileId);
    return slot === undefined ? undefined : this.slots[slot]?.profile;
  }

  /** Adds a profile, or replaces the one with the same id. */
  add(profile: ExporterProfile): void {
    if (this.slotOf.has(profile.id)) this.remove(profile.id);
    const cp = compile(profile);
    const slot = this.slots.length;
    this.slots.push(cp);
    this.slotOf.set(profile.id, slot);
    for (const code of cp.hs) {
      push(this.hsExact, code, slot);
      for (const prefix of hsPrefixes(code)) push(this.hsBelow, prefix, slot);
    }
    for (const code of cp.ics) {
      push(this.icsExact, code, slot);
      for (const prefix of icsPrefixes(code)) push(this.icsBelow, prefix, slot);
    }
    for (const pattern of cp.keywords) {
      if (pattern.mode === 'words') push(this.words, pattern.indexKey, slot);
      else if (pattern.indexKey !== '') push(this.cjk, pattern.indexKey, slot);
    }
  }

  /** Removes a profile; its postings are skipped until the next rebuild. */
  remove(profileId: string): boolean {
    const slot = this.slotOf.get(profileId);
    if (slot === undefined) return false;
    this.slots[slot] = undefined;
    this.slotOf.delete(profileId);
    this.removed += 1;
    if (this.removed > 1024 && this.removed > this.slotOf.size) this.rebuild();
    return true;
  }

  private rebuild(): void {
    const live = this.slots.filter((s): s is CompiledProfile => s !== undefined).map((s) => s.profile);
    this.slots = [];
    this.slotOf.clear();
    for (const map of [this.hsExact, this.hsBelow, this.icsExact, this.icsBelow]) map.clear();
    this.words.clear();
    this.cjk.clear();
    this.removed = 0;
    for (const profile of live) this.add(profile);
  }

  /**
   * The profiles `notification` concerns, each with its reasons. Postings give the candidates
   * (profiles sharing an HS or ICS prefix, or a keyword's first word or CJK gram); each is then
   * decided by {@link matchProfile}'s rules, market and area first.
   */
  match(notification: MatchableNotification | PreparedNotification): ProfileMatch[] {
    const pn = isPrepared(notification) ? notification : prepareNotification(notification);
    // A typed array sorts numerically without a comparator: fast for thousands of candidates.
    const candidates = Uint32Array.from(this.candidatesOf(pn)).sort();
    const out: ProfileMatch[] = [];
    for (const slot of candidates) {
      const match = verify(this.slots[slot]!, pn);
      if (match !== undefined) out.push(match);
    }
    return out;
  }

  /** Live slots with at least one HS, ICS or keyword posting hit, each once. */
  private candidatesOf(pn: PreparedNotification): number[] {
    if (this.stamps.length < this.slots.length) {
      const grown = new Uint32Array(Math.max(this.slots.length, this.stamps.length * 2, 1024));
      grown.set(this.stamps);
      this.stamps = grown;
    }
    this.epoch = (this.epoch + 1) >>> 0;
    if (this.epoch === 0) {
      this.stamps.fill(0);
      this.epoch = 1;
    }
    const { stamps, epoch, slots } = this;
    const out: number[] = [];
    const take = (postings: readonly number[] | undefined) => {
      if (postings === undefined) return;
      for (const slot of postings) {
        if (stamps[slot] === epoch || slots[slot] === undefined) continue;
        stamps[slot] = epoch;
        out.push(slot);
      }
    };
    for (const n of pn.hs) {
      for (let k = 2; k <= n.length; k += 1) take(this.hsExact.get(n.slice(0, k)));
      take(this.hsBelow.get(n));
    }
    for (const n of pn.ics) {
      for (const prefix of [...icsPrefixes(n), n]) take(this.icsExact.get(prefix));
      take(this.icsBelow.get(n));
    }
    for (const text of [...pn.texts.map((t) => t.text), ...pn.keywords.map((k) => k.text)]) {
      for (const word of text.positions.keys()) take(this.words.get(word));
      for (const gram of text.cjkGrams) take(this.cjk.get(gram));
    }
    return out;
  }
}

/** An alert for an enterprise that has no matching profile but registered standards that share ICS codes. */
export interface InferredMatch {
  enterpriseId: string;
  inferred: true;
  /** `ics` reasons: `profileValue` is the ICS code of the enterprise's registered standard or filing. */
  reasons: MatchReason[];
}

/**
 * Proactive matching: enterprises whose standards or filings in the registry carry an ICS code
 * that is a prefix of, or under, one of the notification's ICS codes (market and area do not
 * apply: there is no profile to restrict them). `exclude` skips enterprises already alerted
 * through a profile. Sorted by enterprise id.
 */
export function inferredMatches(
  notification: Pick<MatchableNotification, 'icsCodes'>,
  registryIcsByEnterprise: ReadonlyMap<string, readonly string[]>,
  options: { exclude?: ReadonlySet<string> } = {},
): InferredMatch[] {
  const codes = uniqueBy(
    notification.icsCodes.map(normalizeIcsCode).filter((c) => c !== ''),
    (c) => c,
  );
  if (codes.length === 0) return [];
  const out: InferredMatch[] = [];
  for (const [enterpriseId, registered] of registryIcsByEnterprise) {
    if (options.exclude?.has(enterpriseId)) continue;
    const reasons: MatchReason[] = [];
    for (const p of uniqueBy(registered.map(normalizeIcsCode), (c) => c)) {
      for (const n of codes) {
        if (p !== '' && (icsPrefixMatch(p, n) || icsPrefixMatch(n, p))) {
          reasons.push({ rule: 'ics', profileValue: p, notificationValue: n, field: 'icsCodes' });
        }
      }
    }
    if (reasons.length > 0) out.push({ enterpriseId, inferred: true, reasons: reasons.sort(compareReasons) });
  }
  return out.sort((a, b) => cmp(a.enterpriseId, b.enterpriseId));
}
