import { stringify } from 'csv-stringify/sync';
import type { Response as ExpressResponse } from 'express';

/** Characters that make a spreadsheet read a cell as a formula or a command (OWASP: CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A text cell as a spreadsheet shows it but never runs it: one that starts like a formula gets a
 * leading apostrophe (OWASP's rule). Numbers stay numbers — a negative value is data, not a formula.
 */
export function neutraliseCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** Every CSV export of every service: UTF-8 with a BOM (so spreadsheets show Chinese), every text cell neutralised. */
export function sendCsv(res: ExpressResponse, filename: string, header: string[], rows: unknown[][]): void {
  res.setHeader('Content-Type', 'text/csv; charset=utf-8');
  // The name may carry a path or query value: only characters no header or file system misreads.
  res.setHeader('Content-Disposition', `attachment; filename="${filename.replace(/[^A-Za-z0-9._-]/g, '_')}"`);
  res.send(`\uFEFF${stringify([header, ...rows], { cast: { string: neutraliseCell } })}`);
}
