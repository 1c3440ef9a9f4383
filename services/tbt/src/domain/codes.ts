import { hsEntries, hsEntry, isIcsCode } from '@highland/reference-data';
import { cleanText, excerpt, uniqueBy } from './text.js';

/**
 * Product codes in ePing cells: one entry per code, `<code> - <description>`, entries joined by
 * `; ` — but descriptions contain `; ` too (`3210 - Other paints …; prepared water pigments …`),
 * so entries are found by their heads: a code at the start, after `;` or after a line break,
 * followed by ` - ` or by the end of the entry. Bare lists (`3210; 3208`) read the same way.
 */
const HEAD = /(?:^|[;\n])\s*(\d[\d.]*)(?=\s+-\s|\s*(?:[;\n]|$))/g;

/** The codes heading each entry; a non-empty text with no code at all is returned whole (unknown). */
function heads(cell: string | readonly string[]): string[] {
  const texts = typeof cell === 'string' ? [cell] : cell;
  const found: string[] = [];
  for (const text of texts.map(cleanText)) {
    const before = found.length;
    for (const match of text.matchAll(HEAD)) found.push(match[1]!.replace(/\.$/, ''));
    if (found.length === before && text !== '') found.push(excerpt(text, 40));
  }
  return found;
}

export interface CodeListResult {
  /** Valid codes, in order, each once. */
  codes: string[];
  /** Codes that are not in the classification. */
  unknown: string[];
  /** Accepted with a remark (5-digit HS groups). */
  notes: string[];
}

/** Five-digit HS groups (`84362`: subheadings 843621 and 843629), which ePing exports use. */
let hsGroups: Map<string, string[]> | undefined;
function hsGroup(code: string): string[] | undefined {
  if (hsGroups === undefined) {
    hsGroups = new Map();
    for (const entry of hsEntries().values()) {
      if (entry.level !== 6) continue;
      const group = entry.code.slice(0, 5);
      hsGroups.set(group, [...(hsGroups.get(group) ?? []), entry.code]);
    }
  }
  return hsGroups.get(code);
}

/**
 * HS codes of a cell (`3210 - Other paints…; 3208 - …` → `['3210', '3208']`), checked against
 * HS 2022: chapters, headings and subheadings (2, 4, 6 digits; `8504.40` is read as `850440`).
 * A 5-digit group is kept when HS 2022 has subheadings under it; it matches by prefix like any code.
 */
export function parseHsCodes(cell: string | readonly string[]): CodeListResult {
  const result: CodeListResult = { codes: [], unknown: [], notes: [] };
  for (const head of uniqueBy(heads(cell), (c) => c.replace(/\./g, ''))) {
    const code = head.replace(/\./g, '');
    if (!/^\d+$/.test(code)) {
      result.unknown.push(head);
      continue;
    }
    if ([2, 4, 6].includes(code.length) && hsEntry(code) !== undefined) {
      result.codes.push(code);
      continue;
    }
    const group = code.length === 5 ? hsGroup(code) : undefined;
    if (group !== undefined) {
      result.codes.push(code);
      result.notes.push(`HS ${code} is a 5-digit group, kept as is (covers ${group.join(', ')})`);
      continue;
    }
    result.unknown.push(head);
  }
  return result;
}

/** ICS codes of a cell (`87.040 - Paints and varnishes` → `['87.040']`), checked against the ICS. */
export function parseIcsCodes(cell: string | readonly string[]): CodeListResult {
  const result: CodeListResult = { codes: [], unknown: [], notes: [] };
  for (const code of uniqueBy(heads(cell), (c) => c)) {
    if (isIcsCode(code)) result.codes.push(code);
    else result.unknown.push(code);
  }
  return result;
}

/** Digits only: `8504.40` → `850440`. */
export function normalizeHsCode(code: string): string {
  return code.trim().replace(/[.\s]/g, '');
}
