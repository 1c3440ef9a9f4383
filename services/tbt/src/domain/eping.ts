import { cellText, type SheetRow } from './cells.js';
import type { DomainError } from './domain-error.js';
import {
  draftFromCells,
  EPING_COLUMNS,
  EPING_OPTIONAL_COLUMNS,
  type DraftOptions,
  type EpingCells,
  type EpingField,
} from './draft.js';
import type { NotificationDraft } from './notification.js';

/**
 * ePing exports (CSV and Excel) read row by row: a file whose columns are wrong is refused as a
 * whole, naming the columns; otherwise every row either becomes a draft or is reported with its
 * line and reasons, and good rows are returned whatever the bad ones hold. The file formats are
 * read in `adapters/eping/` (CSV, .xlsx, the ePing API's JSON); the rules on rows are here.
 */
export type EpingFormat = 'csv' | 'xlsx' | 'json';

export interface EpingRow {
  /** CSV: the line the record starts on (header = 1); Excel: the row number; JSON: item number (1-based). */
  line: number;
  /** The row's cells as text, by column header as the file spells it. */
  raw: Readonly<Record<string, string>>;
  draft: NotificationDraft;
  /** Accepted with remarks (a 5-digit HS group, a formula without result in an optional cell). */
  warnings: string[];
}

export interface EpingRowError {
  line: number;
  raw: Readonly<Record<string, string>>;
  /** Each problem of the row; `field` is the column header (or the JSON key). */
  errors: DomainError[];
  warnings: string[];
}

export interface EpingFileError extends DomainError {
  /** Required columns the header lacks, as ePing names them. */
  missingColumns?: string[];
  /** CSV syntax error position. */
  line?: number;
}

export interface EpingParseResult {
  ok: true;
  format: EpingFormat;
  rows: EpingRow[];
  errors: EpingRowError[];
  /** Data rows read (blank rows aside): rows + errors. */
  total: number;
  /** Header columns that are not ePing's, ignored. */
  ignoredColumns: string[];
}

export type EpingFileResult = EpingParseResult | { ok: false; error: EpingFileError };

export interface EpingParseOptions {
  /** The workbook uses the 1904 date system (exceljs: `workbook.properties.date1904`). */
  date1904?: boolean;
}

/** Header text compared without case or spaces: `Proposed adoption  date` = `proposed adoption date`. */
function headerKey(header: string): string {
  return header.toLowerCase().replace(/\s+/g, '');
}

const FIELD_OF_HEADER: ReadonlyMap<string, EpingField> = new Map(
  Object.entries({ ...EPING_COLUMNS, ...EPING_OPTIONAL_COLUMNS }).map(([field, header]) => [
    headerKey(header),
    field as EpingField,
  ]),
);

const REQUIRED_FIELDS = Object.keys(EPING_COLUMNS) as (keyof typeof EPING_COLUMNS)[];

/** Rows above the header that are tolerated (a title row that some exports add). */
const HEADER_SEARCH_ROWS = 10;

interface Layout {
  headers: string[];
  fieldAt: (EpingField | undefined)[];
  ignoredColumns: string[];
}

function layoutOf(
  headerCells: readonly unknown[],
): { ok: true; layout: Layout } | { ok: false; missing: string[] } {
  const headers = headerCells.map((c) => cellText(c).trim());
  const fieldAt = headers.map((h) => FIELD_OF_HEADER.get(headerKey(h)));
  const present = new Set(fieldAt);
  const missing = REQUIRED_FIELDS.filter((f) => !present.has(f)).map((f) => EPING_COLUMNS[f]);
  if (missing.length > 0) return { ok: false, missing };
  const ignoredColumns = headers.filter((h, i) => h !== '' && fieldAt[i] === undefined);
  return { ok: true, layout: { headers, fieldAt, ignoredColumns } };
}

function isBlank(cells: readonly unknown[]): boolean {
  return cells.every((c) => cellText(c).trim() === '');
}

/**
 * Reads an ePing export given as rows of cells, whichever file they came from (the adapters'
 * `parseEpingCsv` and `parseEpingXlsx` turn a file into rows). The header is the first row (or, after a title
 * row or two, the first that has ePing's columns); columns may come in any order; extra columns
 * are ignored and listed.
 */
export function parseEpingSheet(
  sheetRows: readonly SheetRow[],
  options: EpingParseOptions & { format?: EpingFormat } = {},
): EpingFileResult {
  const candidates = sheetRows.filter((r) => !isBlank(r.cells)).slice(0, HEADER_SEARCH_ROWS);
  if (candidates.length === 0)
    return { ok: false, error: { reason: 'the file has no header row and no data' } };
  let found: { index: number; layout: Layout } | undefined;
  let firstMissing: string[] | undefined;
  for (const candidate of candidates) {
    const attempt = layoutOf(candidate.cells);
    if (attempt.ok) {
      found = { index: sheetRows.indexOf(candidate), layout: attempt.layout };
      break;
    }
    firstMissing ??= attempt.missing;
  }
  if (found === undefined) {
    const missing = firstMissing ?? [];
    return {
      ok: false,
      error: {
        reason: `not an ePing export: the header lacks ${missing.map((m) => `'${m}'`).join(', ')}`,
        missingColumns: missing,
      },
    };
  }
  const { layout } = found;
  const draftOptions: DraftOptions = options.date1904 === undefined ? {} : { date1904: options.date1904 };
  const result: EpingParseResult = {
    ok: true,
    format: options.format ?? 'xlsx',
    rows: [],
    errors: [],
    total: 0,
    ignoredColumns: layout.ignoredColumns,
  };
  const seen = new Map<string, number>();
  for (const row of sheetRows.slice(found.index + 1)) {
    if (isBlank(row.cells)) continue;
    result.total += 1;
    const raw: Record<string, string> = {};
    const cells: EpingCells = {};
    layout.headers.forEach((header, i) => {
      if (header !== '') raw[header] = cellText(row.cells[i]);
      const field = layout.fieldAt[i];
      if (field !== undefined) cells[field] = row.cells[i];
    });
    const extra = row.cells.slice(layout.headers.length).filter((c) => cellText(c).trim() !== '');
    const read = draftFromCells(cells, draftOptions);
    if (!read.ok) {
      result.errors.push({ line: row.line, raw, errors: read.errors, warnings: read.warnings });
      continue;
    }
    const warnings = [...read.warnings];
    if (extra.length > 0) warnings.push(`${extra.length} cell(s) beyond the last column ignored`);
    const earlier = seen.get(read.draft.identity.key);
    if (earlier !== undefined) {
      result.errors.push({
        line: row.line,
        raw,
        errors: [{ reason: `same notification as line ${earlier} (${read.draft.identity.key}), skipped` }],
        warnings,
      });
      continue;
    }
    seen.set(read.draft.identity.key, row.line);
    result.rows.push({ line: row.line, raw, draft: read.draft, warnings });
  }
  return result;
}
