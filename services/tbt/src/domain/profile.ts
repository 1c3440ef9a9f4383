import { hsEntry, isIcsCode, wtoMember } from '@highland/reference-data';
import { AREAS, isArea, type Area } from './area.js';
import { failure, type Failure } from './domain-error.js';
import { compileKeyword } from './keywords.js';
import { uniqueBy } from './text.js';

/**
 * What an exporter wants to be warned about. Empty `markets` means every market, empty `areas`
 * both TBT and SPS. HS codes have 2, 4 or 6 digits.
 */
export interface ExporterProfile {
  id: string;
  enterpriseId: string;
  hs: readonly string[];
  ics: readonly string[];
  /** WTO member codes; `EU` covers the EU and its member States (see `marketsCovering`). */
  markets: readonly string[];
  keywords: readonly string[];
  /** Objectives of interest: they explain a match, they do not make or prevent one. */
  objectives: readonly string[];
  areas: readonly Area[];
}

export interface ProfileInput {
  id: string;
  enterpriseId: string;
  hs?: readonly string[];
  ics?: readonly string[];
  markets?: readonly string[];
  keywords?: readonly string[];
  objectives?: readonly string[];
  areas?: readonly string[];
}

const MAX_KEYWORD = 100;
const MAX_VALUES = 500;

/**
 * Checks and normalises a profile: HS codes against HS 2022 (`8504.40` → `850440`), ICS codes
 * against the ICS, markets against the WTO members (any case; ISO alpha-2 and `EEC` read as the
 * member's code), keywords non-empty and at most 100 characters, areas TBT or SPS; repeats
 * dropped. A profile with no HS code, ICS code or keyword can never match and is refused.
 */
export function parseExporterProfile(input: ProfileInput): { ok: true; profile: ExporterProfile } | Failure {
  if (input.id.trim() === '') return failure('profile id is empty', { field: 'id' });
  if (input.enterpriseId.trim() === '') return failure('enterpriseId is empty', { field: 'enterpriseId' });
  for (const field of ['hs', 'ics', 'markets', 'keywords', 'objectives'] as const) {
    if ((input[field]?.length ?? 0) > MAX_VALUES) {
      return failure(`${field} has more than ${MAX_VALUES} values`, { field });
    }
  }
  const hs: string[] = [];
  for (const [i, raw] of (input.hs ?? []).entries()) {
    const code = raw.trim().replace(/[.\s]/g, '');
    if (!/^(?:\d{2}|\d{4}|\d{6})$/.test(code)) {
      return failure(`hs[${i}] '${raw}' must have 2, 4 or 6 digits`, { field: `hs[${i}]` });
    }
    if (hsEntry(code) === undefined)
      return failure(`hs[${i}] '${raw}' is not an HS 2022 code`, { field: `hs[${i}]` });
    hs.push(code);
  }
  const ics: string[] = [];
  for (const [i, raw] of (input.ics ?? []).entries()) {
    const code = raw.trim();
    if (!isIcsCode(code)) return failure(`ics[${i}] '${raw}' is not an ICS code`, { field: `ics[${i}]` });
    ics.push(code);
  }
  const markets: string[] = [];
  for (const [i, raw] of (input.markets ?? []).entries()) {
    const member = wtoMember(raw);
    if (member === undefined) {
      return failure(`markets[${i}] '${raw}' is not a WTO member code (e.g. USA, EU, DEU)`, {
        field: `markets[${i}]`,
      });
    }
    markets.push(member.code);
  }
  const keywords: string[] = [];
  for (const [i, raw] of (input.keywords ?? []).entries()) {
    const keyword = raw.trim();
    if (keyword.length > MAX_KEYWORD) {
      return failure(`keywords[${i}] is longer than ${MAX_KEYWORD} characters`, { field: `keywords[${i}]` });
    }
    if (compileKeyword(keyword) === undefined) {
      return failure(`keywords[${i}] '${raw}' has no letter or digit to match`, { field: `keywords[${i}]` });
    }
    keywords.push(keyword);
  }
  const areas: Area[] = [];
  for (const [i, raw] of (input.areas ?? []).entries()) {
    const area = raw.trim().toUpperCase();
    if (!isArea(area))
      return failure(`areas[${i}] '${raw}' must be one of ${AREAS.join(', ')}`, { field: `areas[${i}]` });
    areas.push(area);
  }
  if (hs.length + ics.length + keywords.length === 0) {
    return failure('a profile needs at least one HS code, ICS code or keyword to match anything', {
      field: 'hs',
    });
  }
  const unique = (values: string[]) => uniqueBy(values, (v) => v.toLowerCase());
  return {
    ok: true,
    profile: {
      id: input.id.trim(),
      enterpriseId: input.enterpriseId.trim(),
      hs: unique(hs),
      ics: unique(ics),
      markets: unique(markets),
      keywords: unique(keywords),
      objectives: unique((input.objectives ?? []).map((o) => o.trim()).filter((o) => o !== '')),
      areas: unique(areas) as Area[],
    },
  };
}
