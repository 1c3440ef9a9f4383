import { marketsCovering, wtoMember } from '@highland/reference-data';
import type { Area } from '../area.js';
import { normalizeHsCode } from '../codes.js';
import { compileKeyword, prepareText, type KeywordPattern, type PreparedText } from '../keywords.js';
import type { ExporterProfile } from '../profile.js';
import { uniqueBy } from '../text.js';
import { push } from './collections.js';
import { hsPrefixes, icsPrefixes, normalizeIcsCode, type MatchableNotification } from './rules.js';

// What both matchers read: a notification prepared once for any number of profiles, and a
// profile compiled once (codes normalised, markets made canonical, keywords compiled).

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
export interface CompiledProfile {
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
export function compile(profile: ExporterProfile): CompiledProfile {
  let compiled = compiledCache.get(profile);
  if (compiled === undefined) compiledCache.set(profile, (compiled = compileOnce(profile)));
  return compiled;
}

/** Codes normalised, markets made canonical, keywords compiled: what both the scan and the index match on. */
export function compileOnce(profile: ExporterProfile): CompiledProfile {
  const markets = uniqueBy(profile.markets.map(canonicalMarket), (m) => m);
  return {
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
}

export function isPrepared(n: MatchableNotification | PreparedNotification): n is PreparedNotification {
  return 'covering' in n;
}
