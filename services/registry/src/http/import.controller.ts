import { Controller, Headers, HttpCode, Inject, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { parseIsoDeliverablesJsonl } from '@highland/reference-data';
import {
  callContext,
  callerOf,
  type IdempotentRequest,
  RequireScope,
  ValidationProblem,
} from '@highland/service-kit';
import { importCatalogueEntry } from '../commands/import-catalogue-entry.js';
import { RegistryCommands } from '../commands/registry-commands.js';
import { type ImportRow, rowsFromCsv, rowsFromItems } from '../import/rows.js';
import { runImport } from '../import/run-import.js';

const MAX_ROWS = 5_000;

@ApiTags('import')
@ApiBearerAuth()
@Controller()
export class ImportController {
  constructor(@Inject(RegistryCommands) private readonly commands: RegistryCommands) {}

  @Post('import')
  @HttpCode(200)
  @RequireScope('registry:read')
  @ApiOperation({
    summary: 'Bulk import of standards, key products, filings, certifications and committee seats',
    description:
      'CSV (text/csv; a "type" column, default standard; snake_case columns; ";"-separated lists) or a JSON array of API bodies. ' +
      `At most ${MAX_ROWS} rows per request (./highland import sends a file in chunks). Every row is reported with its line; re-sending a file changes nothing.`,
  })
  @ApiConsumes('text/csv', 'application/json')
  @ApiBody({ schema: { type: 'string' } })
  @ApiQuery({
    name: 'lineOffset',
    required: false,
    description: 'added to reported line numbers (chunked uploads)',
  })
  async import(
    @Req() req: IdempotentRequest,
    @Headers('content-type') type: string | undefined,
    @Query('lineOffset') lineOffset?: string,
  ) {
    const offset = lineOffset === undefined ? 0 : Number(lineOffset);
    if (!Number.isInteger(offset) || offset < 0) {
      throw new ValidationProblem('invalid lineOffset', [
        { field: 'query.lineOffset', reason: 'a non-negative integer' },
      ]);
    }
    const rows = this.parse(req.body, type ?? '');
    if (rows.length > MAX_ROWS) {
      throw new ValidationProblem(`too many rows: ${rows.length}`, [
        { field: 'body', reason: `at most ${MAX_ROWS} rows per request` },
      ]);
    }
    for (const r of rows) r.line += offset;
    const caller = callerOf(req);
    const ctx = callContext(req);
    return runImport(rows, this.commands, {
      record: caller.record,
      ctx: { actor: ctx.actor, correlationId: ctx.correlationId },
    });
  }

  private parse(body: unknown, type: string): ImportRow[] {
    try {
      if (type.startsWith('text/csv') && typeof body === 'string') return rowsFromCsv(body);
      if (type.startsWith('application/json')) return rowsFromItems(body);
    } catch (err) {
      throw new ValidationProblem('the file cannot be read', [
        { field: 'body', reason: (err as Error).message },
      ]);
    }
    throw new ValidationProblem('unsupported content type', [
      { field: 'header.content-type', reason: 'send text/csv or application/json' },
    ]);
  }

  @Post('catalogue/iso')
  @HttpCode(200)
  @RequireScope('registry:catalogue')
  @ApiOperation({
    summary:
      'Import ISO Open Data deliverables (JSONL, iso_deliverables_metadata) into the reference catalogue',
  })
  @ApiConsumes('application/x-ndjson', 'text/plain')
  @ApiBody({ schema: { type: 'string' } })
  async importIso(@Req() req: IdempotentRequest) {
    if (typeof req.body !== 'string') {
      throw new ValidationProblem('send the JSONL file as application/x-ndjson', [
        { field: 'body', reason: 'not text' },
      ]);
    }
    const { records, errors } = parseIsoDeliverablesJsonl(req.body);
    const ctx = callContext(req);
    const bulk = this.commands.bulk({ actor: ctx.actor, correlationId: ctx.correlationId });
    for (let i = 0; i < records.length; i++) {
      bulk.submit(importCatalogueEntry(records[i]!));
      if (i % 250 === 249) await bulk.drain(1);
    }
    let recorded = 0;
    let unchanged = 0;
    for (const outcome of await bulk.finish()) {
      if (outcome.status === 'rejected') throw outcome.rejection;
      if (outcome.status === 'recorded') recorded++;
      else unchanged++;
    }
    return { rows: records.length + errors.length, recorded, unchanged, rejected: errors.length, errors };
  }
}
