import type { Rejection } from '@highland/contracts';
import type { CallContext } from '@highland/persistence';
import { hasScope, type ApiKeyRecord } from '@highland/service-kit';
import type { z } from 'zod';
import { certifyEnterprise, CertifyEnterpriseInput } from '../commands/certify-enterprise.js';
import type { RegistryCommand } from '../commands/command.js';
import { grantSeat, GrantSeatInput } from '../commands/committee-seat.js';
import { fileEnterpriseStandard, FileEnterpriseStandardInput } from '../commands/file-enterprise-standard.js';
import { recordKeyProduct, RecordKeyProductInput } from '../commands/record-key-product.js';
import { registerStandard, RegisterStandardInput } from '../commands/register-standard.js';
import { registerStandardFast } from '../commands/register-standard-fast.js';
import type { RegistryCommands } from '../commands/registry-commands.js';
import { type ImportRow, ROW_KINDS } from './rows.js';

interface RowHandler {
  scope: string;
  schema: z.ZodType;
  /** Optional: the schema's answer for a valid row, faster (undefined: ask the schema). */
  fast?: (input: unknown) => unknown;
  command: (input: never) => RegistryCommand;
}

const HANDLERS: Record<string, RowHandler> = {
  standard: {
    scope: 'registry:standards',
    schema: RegisterStandardInput,
    fast: registerStandardFast,
    command: registerStandard,
  },
  'key-product': {
    scope: 'registry:key-products',
    schema: RecordKeyProductInput,
    command: recordKeyProduct,
  },
  filing: {
    scope: 'registry:filings',
    schema: FileEnterpriseStandardInput,
    command: fileEnterpriseStandard,
  },
  certification: {
    scope: 'registry:certifications',
    schema: CertifyEnterpriseInput,
    command: certifyEnterprise,
  },
  'committee-seat': {
    scope: 'registry:committees',
    schema: GrantSeatInput,
    command: grantSeat,
  },
};

export interface RowResult {
  line: number;
  kind: string;
  status: 'recorded' | 'unchanged' | 'rejected';
  id?: string;
  errors?: Array<{ field: string; reason: string }>;
}

export interface ImportReport {
  rows: number;
  recorded: number;
  unchanged: number;
  rejected: number;
  results: RowResult[];
}

/** Rows validated and published per step; between steps other requests get the event loop. */
const WINDOW = 250;

/**
 * Every row is recorded, recognised as already there, or rejected with its line and reasons;
 * a bad row never stops the good ones, and running the same file again changes nothing.
 *
 * Rows go through the write path in windows (BulkCommands): each row's input validated, its
 * command decided and its event published, a window's publishes together, at most two windows
 * unacknowledged; the answer comes once every event is in JetStream and in the view.
 */
export async function runImport(
  rows: ImportRow[],
  commands: RegistryCommands,
  caller: { record: ApiKeyRecord; ctx: Omit<CallContext, 'eventId'> },
): Promise<ImportReport> {
  const results: RowResult[] = new Array<RowResult>(rows.length);
  const bulk = commands.bulk(caller.ctx);
  const submitted: Array<{ row: number; command: number; id: string }> = [];
  for (let start = 0; start < rows.length; start += WINDOW) {
    for (let i = start; i < Math.min(rows.length, start + WINDOW); i++) {
      const row = rows[i]!;
      const checked = checkRow(row, caller.record);
      if ('status' in checked) {
        results[i] = checked;
        continue;
      }
      submitted.push({ row: i, command: bulk.submit(checked), id: checked.aggregateId });
    }
    await bulk.drain(1);
  }
  const outcomes = await bulk.finish();
  for (const { row, command, id } of submitted) {
    const { line, kind } = rows[row]!;
    const outcome = outcomes[command]!;
    results[row] =
      outcome.status === 'rejected'
        ? { line, kind, id, status: 'rejected', errors: rejectionErrors(outcome.rejection) }
        : { line, kind, id, status: outcome.status };
  }
  let recorded = 0;
  let unchanged = 0;
  for (const r of results) {
    if (r.status === 'recorded') recorded++;
    else if (r.status === 'unchanged') unchanged++;
  }
  return { rows: rows.length, recorded, unchanged, rejected: rows.length - recorded - unchanged, results };
}

/** The row's command, or why it is rejected (unknown type, missing scope, invalid input). */
function checkRow(row: ImportRow, record: ApiKeyRecord): RegistryCommand | RowResult {
  const base = { line: row.line, kind: row.kind };
  const handler = HANDLERS[row.kind];
  if (!handler) {
    return {
      ...base,
      status: 'rejected',
      errors: [{ field: 'type', reason: `unknown type; one of ${ROW_KINDS.join(', ')}` }],
    };
  }
  if (!hasScope(record, handler.scope)) {
    return {
      ...base,
      status: 'rejected',
      errors: [{ field: 'type', reason: `your key lacks the scope ${handler.scope}` }],
    };
  }
  const fast = handler.fast?.(row.input);
  if (fast !== undefined) return handler.command(fast as never);
  const parsed = handler.schema.safeParse(row.input);
  if (!parsed.success) {
    return {
      ...base,
      status: 'rejected',
      errors: parsed.error.issues.map((i) => ({ field: i.path.join('.') || '(row)', reason: i.message })),
    };
  }
  return handler.command(parsed.data as never);
}

function rejectionErrors(err: Rejection): Array<{ field: string; reason: string }> {
  return err.errors.length
    ? err.errors.map((e) => ({ field: e.field.replace(/^body\./, ''), reason: e.reason }))
    : [{ field: '(row)', reason: err.message }];
}
