export * from './service.js';
export * from './config.js';
// Bulk import rows, shared with `./highland import` (which parses files locally and sends JSON chunks).
export { ROW_KINDS, rowsFromCsv, rowsFromJson, type ImportRow, type RowKind } from './import/rows.js';
export type { ImportReport, RowResult } from './import/run-import.js';
