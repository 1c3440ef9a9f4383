import { parse } from 'csv-parse/sync';
import { lazy, readDataFile } from './data-files.js';

/** Harmonized System 2022: chapters (2 digits), headings (4) and subheadings (6). */
export type HsLevel = 2 | 4 | 6;

export interface HsEntry {
  code: string;
  description: string;
  level: HsLevel;
  /** The enclosing chapter or heading; absent for chapters (whose upstream parent is `TOTAL`). */
  parent?: string;
  /** Roman numeral of the HS section, `I` … `XXI`. */
  section: string;
}

export interface HsSection {
  section: string;
  name: string;
}

interface HsRow {
  section: string;
  hscode: string;
  description: string;
  parent: string;
  level: string;
}

const LEVELS: ReadonlySet<string> = new Set(['2', '4', '6']);

function load(): Map<string, HsEntry> {
  const rows = parse<HsRow>(readDataFile('hs/harmonized-system.csv'), {
    columns: true,
    skip_empty_lines: true,
  });
  const entries = new Map<string, HsEntry>();
  for (const row of rows) {
    // UN Comtrade's own rows are not HS: the grand `TOTAL` (level 5) and chapter 99 "commodities
    // not specified according to kind" (99, 9999, 999999), all filed under section `TOTAL`.
    if (row.section === 'TOTAL') continue;
    if (!LEVELS.has(row.level) || !/^\d+$/.test(row.hscode) || row.hscode.length !== Number(row.level)) {
      throw new Error(`HS: malformed row '${row.hscode}' (level ${row.level})`);
    }
    const entry: HsEntry = {
      code: row.hscode,
      description: row.description,
      level: Number(row.level) as HsLevel,
      section: row.section,
    };
    if (row.parent !== 'TOTAL') entry.parent = row.parent;
    entries.set(entry.code, entry);
  }
  return entries;
}

/** All HS 2022 codes (96 chapters, 1,228 headings, 5,612 subheadings), read on first use. */
export const hsEntries: () => ReadonlyMap<string, HsEntry> = lazy(load);

/** The 21 HS sections (`I` … `XXI`) with their names. */
export const hsSections: () => readonly HsSection[] = lazy(() =>
  parse<HsSection>(readDataFile('hs/sections.csv'), { columns: true, skip_empty_lines: true }),
);

/** Accepts the dotted form too (`8504.40` → `850440`), as notifications and catalogues print it. */
export function hsEntry(code: string): HsEntry | undefined {
  return hsEntries().get(code.trim().replace(/\./g, ''));
}

export function isHsCode(code: string): boolean {
  return hsEntry(code) !== undefined;
}
