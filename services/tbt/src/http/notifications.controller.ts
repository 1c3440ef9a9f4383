import { Body, Controller, Get, Headers, HttpCode, Inject, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  callContext,
  type IdempotentRequest,
  NotFoundProblem,
  RequireScope,
  ValidationProblem,
} from '@highland/service-kit';
import type { ThreadState } from '../aggregates/state.js';
import { TbtCommands } from '../commands/tbt-commands.js';
import { type NotificationSource, recordNotification } from '../commands/record-notification.js';
import { parseEpingCsv, parseEpingJson, parseEpingXlsx } from '../adapters/eping/index.js';
import type { EpingFileResult } from '../domain/eping.js';
import { TbtView } from '../view/tbt-view.js';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('notifications')
export class NotificationsController {
  constructor(
    @Inject(TbtCommands) private readonly commands: TbtCommands,
    @Inject(TbtView) private readonly view: TbtView,
  ) {}

  @Post('import')
  @HttpCode(200)
  @RequireScope('tbt:notifications')
  @ApiOperation({
    summary: 'Import an ePing export (CSV or .xlsx) as it is',
    description:
      'Every row is recorded, recognised as already there, or reported with its line and reasons; good rows go in. Re-importing creates no duplicates and no repeated alerts.',
  })
  @ApiConsumes('text/csv', XLSX_TYPE)
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  async import(@Req() req: IdempotentRequest, @Headers('content-type') type = '') {
    let parsed: EpingFileResult;
    let source: NotificationSource;
    if (type.startsWith('text/csv') && typeof req.body === 'string') {
      parsed = parseEpingCsv(req.body);
      source = 'eping-csv';
    } else if (
      (type.startsWith(XLSX_TYPE) || type.startsWith('application/octet-stream')) &&
      Buffer.isBuffer(req.body)
    ) {
      parsed = await parseEpingXlsx(req.body);
      source = 'eping-xlsx';
    } else {
      throw new ValidationProblem('unsupported content type', [
        { field: 'header.content-type', reason: `send text/csv or ${XLSX_TYPE}` },
      ]);
    }
    return this.record(parsed, source, req);
  }

  @Post()
  @HttpCode(200)
  @RequireScope('tbt:notifications')
  @ApiOperation({
    summary: 'Record notifications from a JSON payload with the ePing API field names, or entered by hand',
  })
  @ApiBody({
    schema: { type: 'object', description: 'one notification or an array (ePing API field names)' },
  })
  async post(@Body() body: unknown, @Req() req: IdempotentRequest) {
    const manual = req.headers['x-highland-source'] === 'manual';
    return this.record(parseEpingJson(body), manual ? 'manual' : 'eping-api', req);
  }

  private async record(parsed: EpingFileResult, source: NotificationSource, req: IdempotentRequest) {
    if (!parsed.ok) {
      throw new ValidationProblem(parsed.error.reason, [
        { field: 'body', reason: parsed.error.reason },
        ...(parsed.error.missingColumns ?? []).map((c) => ({
          field: `column.${c}`,
          reason: 'missing column',
        })),
      ]);
    }
    // One context for every row; no Idempotency-Key event id (each row is its own event).
    const { actor, correlationId } = callContext(req);
    const results: Array<{
      line: number;
      status: string;
      id?: string;
      errors?: Array<{ field: string; reason: string }>;
      warnings?: string[];
    }> = [];
    for (const row of parsed.rows) {
      const supersedes = this.view.supersededRecord(row.draft);
      const result = await this.commands.run(recordNotification(row.draft, source, supersedes), {
        actor,
        correlationId,
      });
      results.push({
        line: row.line,
        status: result.changed ? 'recorded' : 'unchanged',
        id: result.changed ? result.event.aggregate.id : undefined,
        ...(row.warnings.length ? { warnings: row.warnings } : {}),
      });
    }
    for (const e of parsed.errors) {
      results.push({
        line: e.line,
        status: 'rejected',
        errors: e.errors.map((x) => ({ field: x.field ?? '(row)', reason: x.reason })),
      });
    }
    results.sort((a, b) => a.line - b.line);
    const count = (s: string) => results.filter((r) => r.status === s).length;
    return {
      rows: parsed.total,
      recorded: count('recorded'),
      unchanged: count('unchanged'),
      rejected: count('rejected'),
      // Rows stored with less than the file held (a cell read as empty, a symbol taken from a link):
      // never a silent success.
      withRemarks: results.filter((r) => r.warnings !== undefined).length,
      results,
    };
  }

  @Get()
  @RequireScope('tbt:read')
  @ApiOperation({ summary: 'Notification threads with their status and deadline' })
  list() {
    return this.view.threadList().map((t) => summary(t));
  }

  @Get(':id')
  @RequireScope('tbt:read')
  @ApiOperation({ summary: 'One notification thread: the notification, its addenda, status and deadline' })
  one(@Param('id') id: string) {
    const s = this.view.get(id)?.state;
    if (s?.kind !== 'thread') throw new NotFoundProblem(`no notification thread ${id}`);
    return { id, ...s };
  }
}

function summary(t: { id: string } & ThreadState) {
  const first = t.documents[0]!;
  const latest = t.documents.at(-1)!;
  return {
    id: t.id,
    threadKey: t.threadKey,
    symbol: first.symbol,
    member: first.member,
    area: first.area,
    title: first.title,
    status: t.status,
    deadline: t.deadline,
    documents: t.documents.length,
    latest: { kind: latest.kind, distributedOn: latest.distributedOn, title: latest.title },
  };
}
