import { Controller, Get, Inject, Param, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ZONE_KINDS } from '@highland/contracts';
import { readAggregateHistory, type NatsHandle, type Topology } from '@highland/messaging';
import {
  CONFIG,
  NATS,
  NotFoundProblem,
  RequireScope,
  sendCsv,
  TOPOLOGY,
  ZodQuery,
} from '@highland/service-kit';
import type { Response as ExpressResponse } from 'express';
import type { ZonesConfig } from '../config.js';
import { type DeadlinesParams, DeadlinesQuery, listDeadlines } from '../queries/deadlines.js';
import { type Clock, ZONES_CLOCK } from '../reminders/deadline-reminders.js';
import { STATE_AFTER } from '../domain/lifecycle.js';
import { defaultSheet } from '../domain/scoring.js';
import { businessDate } from '../domain/state.js';
import {
  csvRow,
  CSV_HEADER,
  filterZones,
  ListZonesQuery,
  type ListZonesParams,
  listZones,
} from '../queries/list-zones.js';
import { ZonesView } from '../view/zones-view.js';

const filters = [
  { name: 'kind', description: `one or more of ${ZONE_KINDS.join(', ')} (comma-separated)` },
  { name: 'level', description: 'national, municipal: the level granted, or sought before approval' },
  { name: 'state', description: 'one or more lifecycle states (comma-separated)' },
  { name: 'town', description: 'exact town' },
  { name: 'department', description: 'department in charge' },
  { name: 'product', description: 'product or service line contains' },
  { name: 'project', description: "the plan's project, 1..5" },
];
const Filters =
  () =>
  (target: object, key: string | symbol, descriptor: PropertyDescriptor): void => {
    for (const f of filters) ApiQuery({ ...f, required: false })(target, key, descriptor);
  };

@ApiTags('queries')
@ApiBearerAuth()
@Controller()
export class QueriesController {
  constructor(
    @Inject(ZonesView) private readonly view: ZonesView,
    @Inject(NATS) private readonly nats: NatsHandle,
    @Inject(TOPOLOGY) private readonly topology: Topology,
    @Inject(CONFIG) private readonly config: ZonesConfig,
    @Inject(ZONES_CLOCK) private readonly clock: Clock,
  ) {}

  @Get('zones')
  @RequireScope('zones:read')
  @ApiOperation({
    summary: 'Zones and pilots, filtered by kind, level, state, town, department, product; paginated',
  })
  @Filters()
  @ApiQuery({ name: 'limit', required: false })
  @ApiQuery({ name: 'offset', required: false })
  zones(@ZodQuery(ListZonesQuery) q: ListZonesParams) {
    return listZones(this.view, q);
  }

  @Get('zones/export.csv')
  @RequireScope('zones:read')
  @ApiOperation({
    summary: 'The zones matching the same filters, as CSV (UTF-8 with BOM, cells neutralised)',
  })
  @Filters()
  export(@ZodQuery(ListZonesQuery) q: ListZonesParams, @Res() res: ExpressResponse): void {
    const rows = [...filterZones(this.view, q)].map(([id, s]) => csvRow(id, s));
    sendCsv(res, 'zones.csv', CSV_HEADER, rows);
  }

  @Get('deadlines')
  @RequireScope('zones:read')
  @ApiOperation({
    summary:
      "What is due: each zone's next deadline (acceptance, rectification), soonest first, overdue flagged",
    description:
      'Reminders go to the department in charge 30 and 7 days before (zones.zone-deadline-reminded events).',
  })
  @ApiQuery({ name: 'department', required: false })
  @ApiQuery({
    name: 'within',
    required: false,
    description: 'days ahead (default 90); overdue always listed',
  })
  @ApiQuery({ name: 'overdue', required: false, description: 'true: only overdue; false: only upcoming' })
  deadlines(@ZodQuery(DeadlinesQuery) q: DeadlinesParams) {
    return listDeadlines(this.view, q, this.clock.now().toISOString().slice(0, 10));
  }

  @Get('zones/:id')
  @RequireScope('zones:read')
  @ApiOperation({
    summary: 'One zone: profile, lifecycle, approval, inspections, standards, coverage, trainings',
  })
  zone(@Param('id') id: string) {
    const e = this.view.get(id);
    if (!e) throw new NotFoundProblem(`no zone ${id}`);
    return { id, version: e.version, ...e.state };
  }

  @Get('zones/:id/timeline')
  @RequireScope('zones:read')
  @ApiOperation({
    summary: "A zone's full timeline: every event, its date, the state it led to, who recorded it and why",
  })
  async timeline(@Param('id') id: string) {
    if (!this.view.get(id)) throw new NotFoundProblem(`no zone ${id}`);
    const items = await readAggregateHistory(this.nats, this.topology, 'zones', id);
    return {
      id,
      events: items.map(({ streamSeq, event }) => ({
        seq: event.aggregate.seq,
        streamSeq,
        type: event.type,
        on: businessDate(event),
        ...(STATE_AFTER[event.type] ? { state: STATE_AFTER[event.type] } : {}),
        occurredAt: event.occurredAt,
        actor: event.actor,
        reason: event.reason,
        data: event.data,
      })),
    };
  }

  @Get('scoring-sheets/:kind')
  @RequireScope('zones:read')
  @ApiOperation({
    summary: 'The default acceptance scoring sheet of a kind of zone, with the configured pass mark',
  })
  sheet(@Param('kind') kind: string) {
    if (!(ZONE_KINDS as readonly string[]).includes(kind))
      throw new NotFoundProblem(`no kind of zone "${kind}" (${ZONE_KINDS.join(', ')})`);
    return defaultSheet(kind as (typeof ZONE_KINDS)[number], this.config.ZONES_PASS_MARK);
  }
}
