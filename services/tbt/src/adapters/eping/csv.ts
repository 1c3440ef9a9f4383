import { parse } from 'csv-parse/sync';
import type { SheetRow } from '../../domain/cells.js';
import { parseEpingSheet, type EpingFileResult, type EpingParseOptions } from '../../domain/eping.js';

interface CsvRecord {
  record: string[];
  info: { lines: number };
  raw: string;
}

/**
 * Reads an ePing CSV export (UTF-8, with or without BOM; quoted cells may span lines). Line
 * numbers are those of a text editor: the header is line 1 and a record spanning lines is
 * reported at its first line.
 */
export function parseEpingCsv(input: string | Uint8Array, options: EpingParseOptions = {}): EpingFileResult {
  const text = typeof input === 'string' ? input : new TextDecoder('utf-8').decode(input);
  let records: CsvRecord[];
  try {
    records = parse(text, {
      bom: true,
      info: true,
      raw: true,
      relax_column_count: true,
      skip_empty_lines: true,
    }) as unknown as CsvRecord[];
  } catch (error) {
    const line = (error as { lines?: unknown }).lines;
    return {
      ok: false,
      error: {
        reason: `the CSV cannot be read: ${(error as Error).message}`,
        ...(typeof line === 'number' ? { line } : {}),
      },
    };
  }
  const rows: SheetRow[] = records.map(({ record, info, raw }) => {
    // `info.lines` is the last line of the record; its raw text says how many it spans.
    const spanned = (raw.replace(/\r?\n$/, '').match(/\n/g) ?? []).length;
    return { line: info.lines - spanned, cells: record };
  });
  return parseEpingSheet(rows, { ...options, format: 'csv' });
}
