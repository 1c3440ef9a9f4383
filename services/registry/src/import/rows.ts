import { parse } from 'csv-parse/sync';

export type RowKind = 'standard' | 'key-product' | 'filing' | 'certification' | 'committee-seat';
export const ROW_KINDS: readonly RowKind[] = [
  'standard',
  'key-product',
  'filing',
  'certification',
  'committee-seat',
];

export interface ImportRow {
  /** Line in the file (CSV: the header is line 1; JSON: the item's index + 1). */
  line: number;
  kind: string;
  input: Record<string, unknown>;
}

const LISTS = new Set(['ics', 'ccs', 'participants']);
const NESTED: Record<string, [string, string]> = {
  title_zh: ['title', 'zh'],
  title_en: ['title', 'en'],
  work_kind: ['work', 'kind'],
  replaces: ['work', 'replacesCode'],
  adopts: ['work', 'adoptedCode'],
  degree: ['work', 'degree'],
};
const camel = (s: string) => s.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/**
 * CSV rows become the same inputs as the API's bodies: snake_case columns, `;`-separated lists,
 * title_zh/title_en and work_kind/replaces/adopts/degree nested. Empty cells are left out.
 */
export function rowsFromCsv(text: string): ImportRow[] {
  const records: Array<{ record: Record<string, string>; info: { lines: number } }> = parse(text, {
    bom: true,
    columns: true,
    skip_empty_lines: true,
    trim: true,
    info: true,
  });
  return records.map(({ record, info }) => {
    const input: Record<string, unknown> = {};
    let kind = 'standard';
    for (const [column, raw] of Object.entries(record)) {
      const value = raw.trim();
      if (value === '') continue;
      if (column === 'type') {
        kind = value;
        continue;
      }
      const nested = NESTED[column];
      const typed = LISTS.has(column)
        ? value
            .split(';')
            .map((v) => v.trim())
            .filter(Boolean)
        : column === 'project'
          ? Number(value)
          : column === 'in_district'
            ? value === 'true' || value === '1' || value === 'yes'
            : value;
      if (nested) {
        const [outer, inner] = nested;
        ((input[outer] ??= {}) as Record<string, unknown>)[inner] = typed;
      } else {
        input[camel(column)] = typed;
      }
    }
    return { line: info.lines, kind, input };
  });
}

/** A JSON array of API bodies, each with an optional "type" (default "standard"). */
export function rowsFromJson(text: string): ImportRow[] {
  return rowsFromItems(JSON.parse(text) as unknown);
}

/** rowsFromJson for a body already parsed (the API's JSON body). */
export function rowsFromItems(parsed: unknown): ImportRow[] {
  const items = Array.isArray(parsed) ? parsed : (parsed as { items?: unknown[] })?.items;
  if (!Array.isArray(items)) throw new Error('expected a JSON array of records (or {"items": [...]})');
  return items.map((item, i) => {
    const { type, ...input } = (item ?? {}) as Record<string, unknown>;
    return { line: i + 1, kind: typeof type === 'string' ? type : 'standard', input };
  });
}
