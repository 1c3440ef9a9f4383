import { Controller, Get, HttpCode, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  API_KEYS,
  type ApiKeyStore,
  callContext,
  commandResponse,
  ForbiddenProblem,
  type IdempotentRequest,
  MONGO,
  NotFoundProblem,
  openApiSchema,
  RequireScope,
  ValidationProblem,
  ZodBody,
} from '@highland/service-kit';
import type { Request as ExpressRequest, Response as ExpressResponse } from 'express';
import type { Connection } from 'mongoose';
import { acknowledgeAlert, AcknowledgeInput, type AcknowledgeBody } from '../commands/acknowledge-alert.js';
import { ProfileInput, type ProfileBody, recordProfile } from '../commands/record-profile.js';
import { TbtCommands } from '../commands/tbt-commands.js';
import { WebhookTargetPolicy } from '../adapters/webhook-target.js';
import { WebhookSecrets } from '../delivery/secrets.js';
import type { AlertState } from '../aggregates/state.js';
import { TbtView } from '../view/tbt-view.js';
import { assertExporterAccess, callerExporter, canSeeAll, exporterDepartment } from './access.js';

@ApiTags('exporters')
@ApiBearerAuth()
@Controller()
export class ExportersController {
  constructor(
    @Inject(TbtCommands) private readonly commands: TbtCommands,
    @Inject(TbtView) private readonly view: TbtView,
    @Inject(WebhookSecrets) private readonly secrets: WebhookSecrets,
    @Inject(WebhookTargetPolicy) private readonly webhookTargets: WebhookTargetPolicy,
    @Inject(API_KEYS) private readonly keys: ApiKeyStore,
    @Inject(MONGO) private readonly mongo: Connection,
  ) {}

  @Post('exporters')
  @RequireScope('tbt:read')
  @ApiOperation({
    summary: "Create or update an exporter's profile (the exporter itself, the TBT centre or the office)",
  })
  @ApiBody({ schema: openApiSchema(ProfileInput) })
  async profile(
    @ZodBody(ProfileInput) body: ProfileBody,
    @Req() req: IdempotentRequest,
    @Res({ passthrough: true }) res: ExpressResponse,
  ) {
    const own = callerExporter(req);
    if (!canSeeAll(req) && own !== body.exporterId)
      throw new ForbiddenProblem('an exporter may only edit its own profile');
    const secret = body.delivery.webhookSecret;
    const hasSecret = !!secret || !!(await this.secrets.get(body.exporterId));
    // Checked before the secret is stored: a refused profile leaves nothing behind.
    const cmd = recordProfile(body, {
      hasSecret,
      refuseWebhookUrl: (url) => this.webhookTargets.refuseUrl(url),
    });
    if (secret) await this.secrets.set(body.exporterId, secret);
    return commandResponse(res, cmd.aggregateId, await this.commands.run(cmd, callContext(req)), {
      location: `/exporters/${body.exporterId}`,
    });
  }

  @Post('exporters/:id/keys')
  @HttpCode(201)
  @RequireScope('tbt:notifications')
  @ApiOperation({
    summary: 'Issue an API key for an exporter: it sees only its own profile, alerts and deliveries',
  })
  async issueKey(@Param('id') id: string) {
    if (!this.view.profile(id)) throw new NotFoundProblem(`no exporter ${id}`);
    const created = await this.keys.create({
      department: exporterDepartment(id),
      scopes: ['tbt:exporter'],
      label: `exporter ${id}`,
    });
    return { exporterId: id, key: created.key, note: 'shown once; store it now' };
  }

  @Get('exporters/:id')
  @RequireScope('tbt:read')
  @ApiOperation({ summary: "An exporter's profile (exporters see only their own)" })
  get(@Param('id') id: string, @Req() req: IdempotentRequest) {
    assertExporterAccess(req, id);
    const p = this.view.profile(id);
    if (!p) throw new NotFoundProblem(`no exporter ${id}`);
    return p;
  }

  @Get('exporters/:id/alerts')
  @RequireScope('tbt:read')
  @ApiOperation({ summary: "The exporter's alerts, newest first" })
  alerts(@Param('id') id: string, @Req() req: IdempotentRequest) {
    assertExporterAccess(req, id);
    return this.view.alertsOf(id).sort((a, b) => (a.raisedAt < b.raisedAt ? 1 : -1));
  }

  @Get('exporters/:id/deliveries')
  @RequireScope('tbt:read')
  @ApiOperation({ summary: 'The delivery log: every webhook attempt with its answer' })
  async deliveries(@Param('id') id: string, @Req() req: IdempotentRequest) {
    assertExporterAccess(req, id);
    return this.mongo
      .db!.collection('deliveries')
      .find({ exporterId: id }, { projection: { _id: 0 } })
      .sort({ at: -1 })
      .limit(500)
      .toArray();
  }

  @Get('exporters/:id/alerts/stream')
  @RequireScope('tbt:read')
  @ApiOperation({
    summary:
      "The exporter's alerts as Server-Sent Events; a reconnecting client sends Last-Event-ID and gets what it missed first",
  })
  stream(
    @Param('id') id: string,
    @Req() req: IdempotentRequest & ExpressRequest,
    @Res() res: ExpressResponse,
  ) {
    assertExporterAccess(req, id);
    const since = lastEventId(req.headers['last-event-id']);
    res.status(200);
    res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
    res.setHeader('Cache-Control', 'no-cache, no-transform');
    res.flushHeaders();
    // Ids are the stream sequences the alerts were raised at: ordered, and the same on every replica.
    const send = (alertId: string, alert: AlertState, seq: number) =>
      res.write(`id: ${seq}\nevent: alert\ndata: ${JSON.stringify({ alertId, ...alert })}\n\n`);
    // Missed alerts, then live ones: both in this tick, so none falls between them.
    if (since !== undefined)
      for (const missed of this.view.alertsSince(id, since)) send(missed.id, missed.alert, missed.seq);
    const off = this.view.onAlert((alertId, alert, seq) => {
      if (alert.exporterId === id) send(alertId, alert, seq);
    });
    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), 15_000);
    req.on('close', () => {
      clearInterval(heartbeat);
      off();
    });
  }

  @Post('alerts/:id/acknowledge')
  @RequireScope('tbt:read')
  @ApiOperation({
    summary: 'Acknowledge an alert: impact, intended action, and whether to propose a trade concern',
  })
  @ApiBody({ schema: openApiSchema(AcknowledgeInput) })
  async acknowledge(
    @Param('id') id: string,
    @ZodBody(AcknowledgeInput) body: AcknowledgeBody,
    @Req() req: IdempotentRequest,
    @Res({ passthrough: true }) res: ExpressResponse,
  ) {
    const cmd = acknowledgeAlert(id, callerExporter(req) ?? (canSeeAll(req) ? undefined : '-'), body);
    return commandResponse(res, id, await this.commands.run(cmd, callContext(req)));
  }

  @Get('alerts')
  @RequireScope('tbt:notifications')
  @ApiOperation({
    summary:
      'Every alert (the TBT centre and the office); inferred=true for those inferred from the registry',
  })
  allAlerts(@Query('inferred') inferred?: string) {
    return this.view.allAlerts().filter((a) => inferred === undefined || String(a.inferred) === inferred);
  }

  @Get('concerns')
  @RequireScope('tbt:notifications')
  @ApiOperation({
    summary: 'Candidate specific trade concerns proposed by exporters (the district office sees all)',
  })
  concerns() {
    return this.view.allAlerts().filter((a) => a.acknowledgement?.tradeConcernCandidate);
  }
}

/** The Last-Event-ID a reconnecting SSE client sends: a stream sequence; absent: only new alerts. */
function lastEventId(header: string | string[] | undefined): number | undefined {
  if (header === undefined) return undefined;
  const raw = Array.isArray(header) ? header[0] : header;
  if (raw === undefined || !/^\d{1,15}$/.test(raw.trim()))
    throw new ValidationProblem('Last-Event-ID must be the id of an event this stream sent (a number)', [
      { field: 'header.last-event-id', reason: 'not an event id of this stream' },
    ]);
  return Number(raw.trim());
}
