/**
 * Spreadsheet cells whatever form they are stored in. The shapes are those of exceljs's
 * `CellValue` (typed structurally here, so domain code needs no spreadsheet library): plain
 * values, `{ richText: [{ text }] }`, `{ text, hyperlink }` (text may itself be rich text),
 * `{ formula | sharedFormula, result }` (the cached result is read, never recomputed),
 * `{ error: '#N/A' }` and Dates. CSV cells are plain strings and go through the same door.
 */
export interface ResolvedCell {
  /** What a person sees in the cell; for dates, `YYYY-MM-DD` (or a full ISO instant). */
  text: string;
  /** The cell's link target, for hyperlink cells. */
  hyperlink?: string;
  /** A numeric value (formula results included): date columns read it as an Excel serial. */
  number?: number;
  date?: Date;
  /** An Excel error value (`#N/A`, `#REF!`) or a formula without a cached result. */
  error?: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !(value instanceof Date) && !Array.isArray(value);
}

function dateText(date: Date): string {
  if (Number.isNaN(date.getTime())) return '';
  const iso = date.toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
}

/** Reads one cell value into its text (and link, number, date or error). Never throws. */
export function resolveCell(value: unknown, depth = 0): ResolvedCell {
  if (value === null || value === undefined) return { text: '' };
  if (typeof value === 'string') return { text: value };
  if (typeof value === 'number') return { text: Number.isFinite(value) ? String(value) : '', number: value };
  if (typeof value === 'boolean') return { text: value ? 'TRUE' : 'FALSE' };
  if (typeof value === 'bigint') return { text: value.toString() };
  if (value instanceof Date) return { text: dateText(value), date: value };
  if (Array.isArray(value)) return { text: value.map((v) => resolveCell(v, depth + 1).text).join('') };
  if (!isRecord(value) || depth > 4) return { text: '', error: 'unreadable cell value' };

  if (Array.isArray(value.richText)) {
    const text = value.richText
      .map((run) => (isRecord(run) && typeof run.text === 'string' ? run.text : ''))
      .join('');
    return { text };
  }
  if ('formula' in value || 'sharedFormula' in value) {
    if (value.result === undefined || value.result === null) {
      // ePing's export writes its symbol column as HYPERLINK formulas with no stored result (the
      // file is generated, never opened in Excel): their arguments are constants, read as such.
      const link = typeof value.formula === 'string' ? hyperlinkFormula(value.formula) : undefined;
      if (link !== undefined) return { text: link.text ?? link.url, hyperlink: link.url };
      return { text: '', error: 'formula without a stored result (save the file in Excel first)' };
    }
    return resolveCell(value.result, depth + 1);
  }
  if (typeof value.hyperlink === 'string') {
    const text = resolveCell(value.text, depth + 1).text;
    return { text: text === '' ? value.hyperlink : text, hyperlink: value.hyperlink };
  }
  if (typeof value.error === 'string') return { text: '', error: value.error };
  if ('text' in value) return resolveCell(value.text, depth + 1);
  return { text: '', error: 'unreadable cell value' };
}

const STRING = String.raw`"((?:[^"]|"")*)"`;
const HYPERLINK = new RegExp(
  String.raw`^\s*=?\s*HYPERLINK\s*\(\s*${STRING}\s*(?:[,;]\s*${STRING}\s*)?\)\s*$`,
  'i',
);

/**
 * The literal arguments of `HYPERLINK("url", "text")` (either may use `""` for a quote); undefined
 * for any other formula, or one whose arguments are not string constants (that would need
 * computing, which this reader never does).
 */
export function hyperlinkFormula(formula: string): { url: string; text?: string } | undefined {
  const m = HYPERLINK.exec(formula);
  if (!m) return undefined;
  const unquote = (s: string) => s.replace(/""/g, '"');
  const url = unquote(m[1]!);
  return m[2] === undefined ? { url } : { url, text: unquote(m[2]) };
}

/** A cell's text alone. */
export function cellText(value: unknown): string {
  return resolveCell(value).text;
}

/** A sheet as numbered rows of cells (0-based cells, 1-based row numbers as Excel shows them). */
export interface SheetRow {
  line: number;
  cells: readonly unknown[];
}
