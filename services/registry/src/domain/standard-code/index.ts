import { parseEnterprise, parseGroup, parseIndustry, parseLocal, parseNational } from './chinese.js';
import { FOREIGN_BODIES } from './foreign-bodies.js';
import { parseForeign } from './foreign.js';
import { formatStandardCode } from './format.js';
import { INDUSTRY_SECTORS } from './industry-sectors.js';
import { parseInternational, parseItu } from './international.js';
import { normalizeCodeText } from './normalize.js';
import { CodeError, Scanner } from './scanner.js';
import { type ParsedStandardCode, type StandardCodeParts } from './types.js';
import { FIRST_FOREIGN_YEAR, yearBounds } from './years.js';
import { type DomainError } from '../domain-error.js';

export type ParseStandardCodeResult =
  { ok: true; code: ParsedStandardCode } | { ok: false; error: DomainError };

export interface ParseStandardCodeOptions {
  /** The clock for the latest acceptable year (next year); defaults to now. */
  now?: Date;
}

/** Longer than any real code; bounds the work done on pasted garbage. */
export const MAX_CODE_LENGTH = 120;

function parseParts(scanner: Scanner, now: Date): StandardCodeParts {
  const bounds = yearBounds(now);
  const word = scanner.peek(/[A-Z]+/y)?.[0];
  if (word === undefined) return scanner.fail('a code starts with a prefix such as GB/T, ISO or T/', 0);
  if (word === 'T' && scanner.peek(/T ?\//y)) return parseGroup(scanner, bounds);
  if (word === 'Q' && scanner.peek(/Q ?\//y)) return parseEnterprise(scanner, bounds);
  if (word === 'DB' && scanner.peek(/DB\d/y)) return parseLocal(scanner, bounds);
  if (word === 'GB') return parseNational(scanner, bounds);
  if (word === 'ISO' || word === 'IEC') return parseInternational(scanner, bounds);
  if (word === 'ITU') return parseItu(scanner);
  if (FOREIGN_BODIES.has(word)) return parseForeign(scanner, yearBounds(now, FIRST_FOREIGN_YEAR));
  if (INDUSTRY_SECTORS.has(word)) return parseIndustry(scanner, bounds);
  const stem = word.slice(0, -1);
  if (/[TZ]$/.test(word) && (stem === 'GB' || INDUSTRY_SECTORS.has(stem))) {
    return scanner.fail(`missing '/' in '${word}': write '${stem}/${word.slice(-1)}'`, 0);
  }
  // Two or three letters with a nature suffix look like an industry code: name it as such.
  if (word.length <= 3 && scanner.peek(/[A-Z]+ ?\/ ?[TZ]\b/y)) return parseIndustry(scanner, bounds);
  return scanner.fail(`unknown standard prefix '${word}'`, 0);
}

/**
 * Parses a standard code of any level into its parts and canonical text. Never throws on bad
 * input: every refusal is `{ ok: false }` with a reason and, where it helps, the position in the
 * normalised text.
 */
export function parseStandardCode(
  input: string,
  options: ParseStandardCodeOptions = {},
): ParseStandardCodeResult {
  if (typeof input !== 'string') return { ok: false, error: { reason: 'code must be a string' } };
  const text = normalizeCodeText(input);
  if (text === '') return { ok: false, error: { reason: 'code is empty' } };
  if (text.length > MAX_CODE_LENGTH) {
    return { ok: false, error: { reason: `code is longer than ${MAX_CODE_LENGTH} characters` } };
  }
  try {
    const parts = parseParts(new Scanner(text), options.now ?? new Date());
    return { ok: true, code: { normalized: formatStandardCode(parts), ...parts } };
  } catch (error) {
    if (!(error instanceof CodeError)) throw error;
    const refusal: DomainError = { reason: error.reason };
    if (error.position !== undefined) refusal.position = error.position;
    return { ok: false, error: refusal };
  }
}

export { formatStandardCode, normalizeCodeText };
