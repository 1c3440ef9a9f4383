import ExcelJS from 'exceljs';
import type { SheetRow } from '../../domain/cells.js';
import { parseEpingSheet, type EpingFileResult } from '../../domain/eping.js';

/**
 * The minimal part of an exceljs `Worksheet` the importer reads: `rowCount` and rows whose
 * `values` are 1-based (index 0 unused), possibly sparse.
 */
export interface WorksheetLike {
  rowCount: number;
  getRow(index: number): { values: unknown };
}

/**
 * The rows of an exceljs worksheet (`workbook.worksheets[0]` after `workbook.xlsx.load(buffer)`),
 * holes filled with `undefined`.
 */
export function worksheetRows(sheet: WorksheetLike): SheetRow[] {
  const rows: SheetRow[] = [];
  for (let line = 1; line <= sheet.rowCount; line += 1) {
    const values = sheet.getRow(line).values;
    const cells = Array.isArray(values) ? Array.from(values.slice(1) as unknown[]) : [];
    rows.push({ line, cells });
  }
  return rows;
}

export interface EpingXlsxOptions {
  /** The worksheet to read, by name or 1-based position; the first one by default. */
  sheet?: string | number;
}

/**
 * Reads an ePing Excel export (`.xlsx`). Cells are read whatever form they are stored in —
 * formulas by their stored result, hyperlinks by text and target, rich text concatenated, dates
 * as Dates or Excel serial numbers (in the workbook's 1900 or 1904 system) — then checked row by
 * row exactly like the CSV export (see `parseEpingSheet`).
 */
export async function parseEpingXlsx(
  data: Uint8Array | ArrayBuffer,
  options: EpingXlsxOptions = {},
): Promise<EpingFileResult> {
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs types its input as its own `Buffer` (an ArrayBuffer); JSZip reads any of them.
    const bytes = data instanceof Uint8Array ? data.slice().buffer : data;
    await workbook.xlsx.load(bytes);
  } catch (error) {
    return { ok: false, error: { reason: `not a readable .xlsx file: ${(error as Error).message}` } };
  }
  const sheet = options.sheet === undefined ? workbook.worksheets[0] : workbook.getWorksheet(options.sheet);
  if (sheet === undefined) {
    return {
      ok: false,
      error: {
        reason:
          options.sheet === undefined
            ? 'the workbook has no worksheet'
            : `the workbook has no worksheet '${options.sheet}'`,
      },
    };
  }
  return parseEpingSheet(worksheetRows(sheet), {
    format: 'xlsx',
    date1904: workbook.properties.date1904 === true,
  });
}
