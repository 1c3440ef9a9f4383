import { parse } from 'csv-parse/sync';
import { lazy, readDataFile } from './data-files.js';

/**
 * CCS (Chinese Classification for Standards, 中国标准文献分类法): level 1 is a category letter
 * (`A`), level 2 a range of level-3 codes (`A00/09`), level 3 a class (`A00`).
 */
export type CcsLevel = 1 | 2 | 3;

export interface CcsEntry {
  code: string;
  nameZh: string;
  level: CcsLevel;
  /** Level 2: the category letter; level 3: the level-2 range that holds it. */
  parent?: string;
  notesZh?: string;
}

const CODE_PATTERN: Record<CcsLevel, RegExp> = {
  1: /^[A-Z]$/,
  2: /^[A-Z]\d{2}\/\d{2}$/,
  3: /^[A-Z]\d{2}$/,
};

/**
 * Transcription slips in the upstream level-3 list, corrected here rather than in the shipped copy
 * (kept byte-identical to its source). Each correction is the code whose place and name match
 * the official CCS: `FF2` 异步电机 sits in K20/29 where K22 is missing; `D47` 非金属矿综合 is
 * filed under D50/59, whose "general" class is D50.
 */
const LEVEL3_ERRATA: Readonly<Record<string, string>> = { FF2: 'K22', D47: 'D50' };

function rows(file: string): string[][] {
  // Header row: `代码 / Code, 名称 / Name[, 类 / Category | 代码 / Code, 注释 / Notes]`.
  return parse(readDataFile(file), { from_line: 2, skip_empty_lines: true, trim: true });
}

function load(): Map<string, CcsEntry> {
  const entries = new Map<string, CcsEntry>();
  const add = (level: CcsLevel, [rawCode = '', nameZh = '', parent = '', notes = '']: string[]) => {
    const code = level === 3 ? (LEVEL3_ERRATA[rawCode] ?? rawCode) : rawCode;
    if (!CODE_PATTERN[level].test(code) || nameZh === '') {
      throw new Error(`CCS level ${level}: malformed row '${rawCode},${nameZh}'`);
    }
    const entry: CcsEntry = { code, nameZh, level };
    if (parent !== '') entry.parent = parent;
    if (notes !== '') entry.notesZh = notes;
    entries.set(code, entry);
  };
  rows('ccs/cat-level1.csv').forEach((row) => add(1, row));
  rows('ccs/cat-level2.csv').forEach((row) => add(2, row));
  rows('ccs/cat-level3.csv').forEach((row) => add(3, row));
  return entries;
}

/** All CCS entries by code (24 + 225 + 1,608), read on first use. */
export const ccsEntries: () => ReadonlyMap<string, CcsEntry> = lazy(load);

export function ccsEntry(code: string): CcsEntry | undefined {
  return ccsEntries().get(code.trim().toUpperCase());
}

/** Any level counts: standards are usually classed at level 3 (`A00`), sometimes by letter. */
export function isCcsCode(code: string): boolean {
  return ccsEntry(code) !== undefined;
}
