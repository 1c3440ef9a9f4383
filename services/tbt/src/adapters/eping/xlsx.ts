import ExcelJS from 'exceljs';
import JSZip from 'jszip';
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
  /** The most the workbook's parts may inflate to, together (MAX_XLSX_INFLATED_BYTES by default). */
  maxInflatedBytes?: number;
}

/**
 * An .xlsx is a zip: 100 KB can inflate to gigabytes, which exceljs would inflate and parse whole
 * (a 100 KB upload cost 20 s and 700 MB before this). Real ePing exports inflate to a few MB.
 */
export const MAX_XLSX_INFLATED_BYTES = 32 * 1024 * 1024;

/**
 * Whether the archive inflates to more than `limit` bytes. Counted while inflating, with the zip
 * reader exceljs itself uses, and stopped at the limit: the sizes an archive declares can lie.
 */
async function inflatesBeyond(bytes: ArrayBuffer, limit: number): Promise<boolean> {
  const zip = await JSZip.loadAsync(bytes);
  let total = 0;
  for (const file of Object.values(zip.files)) {
    if (file.dir) continue;
    const over = await new Promise<boolean>((resolve, reject) => {
      const stream = file.nodeStream('nodebuffer');
      stream.on('data', (chunk: Buffer) => {
        total += chunk.length;
        // A paused stream stops pulling from the inflater once its small buffer is full.
        if (total > limit) {
          stream.pause();
          resolve(true);
        }
      });
      stream.on('end', () => resolve(false));
      stream.on('error', reject);
    });
    if (over) return true;
  }
  return false;
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
    // exceljs types its input as its own `Buffer` (an ArrayBuffer); JSZip reads any of them. A
    // copy of exactly these bytes: a Node Buffer's slice() is a view, and a small Buffer's
    // .buffer is the shared pool around it (a small upload was read with other bytes around it).
    const bytes = data instanceof Uint8Array ? new Uint8Array(data).buffer : data;
    const limit = options.maxInflatedBytes ?? MAX_XLSX_INFLATED_BYTES;
    if (await inflatesBeyond(bytes, limit)) {
      return {
        ok: false,
        error: { reason: `the .xlsx file inflates to more than ${Math.round(limit / 1024 / 1024)} MB` },
      };
    }
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
