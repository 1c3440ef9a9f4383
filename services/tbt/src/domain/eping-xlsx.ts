import ExcelJS from 'exceljs';
import { worksheetRows } from './cells.js';
import { parseEpingSheet, type EpingFileResult } from './eping.js';

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
