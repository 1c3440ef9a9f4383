import { resolveCell } from '@highland/tbt/domain';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';

/** One row of a zones file: its line in the file (1-based, the header is line 1) and its cells by column. */
export interface ZoneRow {
  line: number;
  cells: Record<string, string>;
}

/** Column names as people type them: case, spaces and dashes do not matter ("Area (mu)" → area_mu). */
export const columnKey = (name: string) =>
  name
    .normalize('NFKC')
    .trim()
    .toLowerCase()
    .replace(/[()]/g, '')
    .replace(/[\s-]+/g, '_');

/** The rows of a CSV file (header row first); a record spanning lines keeps the line it starts on. */
export function zoneRowsFromCsv(text: string): ZoneRow[] {
  // csv-parse types its sync result as string[][] whatever the options; with raw + info it is records.
  const records = parse(text, {
    bom: true,
    raw: true,
    info: true,
    relax_column_count: true,
    skip_empty_lines: true,
  }) as unknown as Array<{ record: string[]; raw: string; info: { lines: number } }>;
  if (records.length === 0) return [];
  const header = records[0]!.record.map(columnKey);
  return records.slice(1).map(({ record, raw, info }) => ({
    // info.lines is where the record ends; it starts as many line breaks earlier as it holds
    // (raw carries the blank lines skipped before it, which are not its own).
    line:
      info.lines -
      (raw
        .replace(/^(\r?\n)+/, '')
        .replace(/\r?\n$/, '')
        .match(/\n/g)?.length ?? 0),
    cells: Object.fromEntries(header.map((h, i) => [h, (record[i] ?? '').trim()])),
  }));
}

/** The rows of the first worksheet of an .xlsx file (cells read as a person sees them). */
export async function zoneRowsFromXlsx(data: Uint8Array): Promise<ZoneRow[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(data.slice().buffer);
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  const text = (line: number) => {
    const values = sheet.getRow(line).values;
    return (Array.isArray(values) ? (values.slice(1) as unknown[]) : []).map((v) =>
      resolveCell(v).text.trim(),
    );
  };
  const header = text(1).map(columnKey);
  const rows: ZoneRow[] = [];
  for (let line = 2; line <= sheet.rowCount; line++) {
    const cells = text(line);
    if (cells.every((c) => c === '')) continue;
    rows.push({ line, cells: Object.fromEntries(header.map((h, i) => [h, cells[i] ?? ''])) });
  }
  return rows;
}

/** A number cell as a number; anything else is sent as typed, for the service to name the field. */
const num = (v: string): number | string => (v !== '' && Number.isFinite(Number(v)) ? Number(v) : v);

/** "Name:kind; Name" → organisations (kind "other" when not given). */
function organisations(v: string) {
  return v
    .split(/[;；]/)
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => {
      const m = /^(.*?):\s*([a-z-]+)$/.exec(s);
      return m ? { name: m[1]!.trim(), kind: m[2]! } : { name: s, kind: 'other' };
    });
}

/**
 * The body `POST /zones/existing` takes for one row. Empty cells are left out; the service checks
 * every field and names it (body.areaMu …), so the row report says what to correct.
 */
export function zoneRowBody(cells: Record<string, string>): Record<string, unknown> {
  const c = (k: string) => cells[k] ?? '';
  const body: Record<string, unknown> = {
    name: c('name'),
    kind: c('kind'),
    levelSought: c('level_sought') || c('level'),
    productLine: c('product_line') || c('product'),
    town: c('town'),
    location: { lat: num(c('lat')), lon: num(c('lon')) },
    areaMu: num(c('area_mu')),
    undertaking: { name: c('undertaking'), kind: c('undertaking_kind') || 'other' },
    partners: organisations(c('partners')),
    project: num(c('project')),
    stage: c('stage'),
    batch: c('batch'),
    approvalDocument: c('approval_document'),
    approvedOn: c('approved_on'),
    constructionFrom: c('construction_from'),
    constructionTo: c('construction_to'),
  };
  const optional: Record<string, string> = {
    department: c('department'),
    approvedLevel: c('approved_level'),
    constructionStartedOn: c('construction_started_on'),
    passedOn: c('passed_on'),
    reason: c('reason'),
  };
  for (const [k, v] of Object.entries(optional)) if (v) body[k] = v;
  return body;
}
