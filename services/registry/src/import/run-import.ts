import { hasScope, type ApiKeyRecord, ProblemError } from '@highland/service-kit';
import type { z } from 'zod';
import { certifyEnterprise, CertifyEnterpriseInput } from '../commands/certify-enterprise.js';
import type { RegistryCommand } from '../commands/command.js';
import { grantSeat, GrantSeatInput } from '../commands/committee-seat.js';
import { fileEnterpriseStandard, FileEnterpriseStandardInput } from '../commands/file-enterprise-standard.js';
import { recordKeyProduct, RecordKeyProductInput } from '../commands/record-key-product.js';
import { registerStandard, RegisterStandardInput } from '../commands/register-standard.js';
import type { CallContext, RegistryCommands } from '../commands/registry-commands.js';
import { type ImportRow, ROW_KINDS } from './rows.js';

interface RowHandler {
  scope: string;
  schema: z.ZodType;
  command: (input: never) => RegistryCommand;
}

const HANDLERS: Record<string, RowHandler> = {
  standard: {
    scope: 'registry:standards',
    schema: RegisterStandardInput,
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

/**
 * Every row is recorded, recognised as already there, or rejected with its line and reasons;
 * a bad row never stops the good ones, and running the same file again changes nothing.
 */
export async function runImport(
  rows: ImportRow[],
  commands: RegistryCommands,
  caller: { record: ApiKeyRecord; ctx: Omit<CallContext, 'eventId'> },
  concurrency = 64,
): Promise<ImportReport> {
  const results: RowResult[] = new Array<RowResult>(rows.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < rows.length; i = next++)
      results[i] = await importRow(rows[i]!, commands, caller);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, rows.length) }, worker));
  return {
    rows: rows.length,
    recorded: results.filter((r) => r.status === 'recorded').length,
    unchanged: results.filter((r) => r.status === 'unchanged').length,
    rejected: results.filter((r) => r.status === 'rejected').length,
    results,
  };
}

async function importRow(
  row: ImportRow,
  commands: RegistryCommands,
  caller: { record: ApiKeyRecord; ctx: Omit<CallContext, 'eventId'> },
): Promise<RowResult> {
  const base = { line: row.line, kind: row.kind };
  const handler = HANDLERS[row.kind];
  if (!handler) {
    return {
      ...base,
      status: 'rejected',
      errors: [{ field: 'type', reason: `unknown type; one of ${ROW_KINDS.join(', ')}` }],
    };
  }
  if (!hasScope(caller.record, handler.scope)) {
    return {
      ...base,
      status: 'rejected',
      errors: [{ field: 'type', reason: `your key lacks the scope ${handler.scope}` }],
    };
  }
  const parsed = handler.schema.safeParse(row.input);
  if (!parsed.success) {
    return {
      ...base,
      status: 'rejected',
      errors: parsed.error.issues.map((i) => ({ field: i.path.join('.') || '(row)', reason: i.message })),
    };
  }
  const command = handler.command(parsed.data as never);
  try {
    const result = await commands.run(command, caller.ctx);
    return { ...base, id: command.aggregateId, status: result.changed ? 'recorded' : 'unchanged' };
  } catch (err) {
    if (err instanceof ProblemError) {
      return {
        ...base,
        id: command.aggregateId,
        status: 'rejected',
        errors: err.errors.length
          ? err.errors.map((e) => ({ field: e.field.replace(/^body\./, ''), reason: e.reason }))
          : [{ field: '(row)', reason: err.message }],
      };
    }
    throw err;
  }
}
