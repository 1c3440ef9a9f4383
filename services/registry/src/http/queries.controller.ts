import { Controller, Get, Inject, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { readAggregateHistory, type NatsHandle, type Topology } from '@highland/messaging';
import { NATS, NotFoundProblem, RequireScope, TOPOLOGY, ZodQuery } from '@highland/service-kit';
import { type ListRecordsParams, ListRecordsQuery, listRecords } from '../queries/list-records.js';
import { type ListStandardsParams, ListStandardsQuery, listStandards } from '../queries/list-standards.js';
import { RegistryView } from '../view/registry-view.js';
import { resolveStandardRef } from './standard-ref.js';

const standardsFilters = Object.keys(ListStandardsQuery.shape);

@ApiTags('queries')
@ApiBearerAuth()
@Controller()
export class QueriesController {
  constructor(
    @Inject(RegistryView) private readonly view: RegistryView,
    @Inject(NATS) private readonly nats: NatsHandle,
    @Inject(TOPOLOGY) private readonly topology: Topology,
  ) {}

  @Get('standards')
  @RequireScope('registry:read')
  @ApiOperation({
    summary: 'Standards, filtered and paginated (ordered by code)',
    description: `Filters: ${standardsFilters.join(', ')}`,
  })
  @ApiQuery({ name: 'level', required: false })
  @ApiQuery({ name: 'sector', required: false })
  @ApiQuery({ name: 'stage', required: false })
  @ApiQuery({ name: 'ics', required: false, description: 'ICS code or prefix' })
  @ApiQuery({ name: 'code', required: false, description: 'code prefix' })
  @ApiQuery({ name: 'organisation', required: false })
  @ApiQuery({ name: 'publishedFrom', required: false })
  @ApiQuery({ name: 'publishedTo', required: false })
  @ApiQuery({ name: 'limit', required: false })
  @ApiQuery({ name: 'offset', required: false })
  standards(@ZodQuery(ListStandardsQuery) q: ListStandardsParams) {
    return listStandards(this.view, q);
  }

  @Get('standards/:ref')
  @RequireScope('registry:read')
  @ApiOperation({ summary: 'One standard, by item id (std-…) or URL-encoded code' })
  standard(@Param('ref') ref: string) {
    const id = resolveStandardRef(this.view, ref);
    const e = this.view.get(id)!;
    return { id, version: e.version, ...e.state };
  }

  @Get('key-products')
  @RequireScope('registry:read')
  @ApiOperation({ summary: 'Key products of key fields with the standards they adopt, filtered and paginated' })
  keyProducts(@ZodQuery(ListRecordsQuery) q: ListRecordsParams) {
    return listRecords(this.view, 'key-product', q);
  }

  @Get('filings')
  @RequireScope('registry:read')
  @ApiOperation({ summary: 'Enterprise product standard filings, filtered and paginated' })
  filings(@ZodQuery(ListRecordsQuery) q: ListRecordsParams) {
    return listRecords(this.view, 'filing', q);
  }

  @Get('committee-seats')
  @RequireScope('registry:read')
  @ApiOperation({ summary: 'Committee seats (national TC/SC/WG and ISO), filtered and paginated' })
  seats(@ZodQuery(ListRecordsQuery) q: ListRecordsParams) {
    return listRecords(this.view, 'committee-seat', q);
  }

  @Get('certifications')
  @RequireScope('registry:read')
  @ApiOperation({ summary: 'Standardization good-behaviour certifications, filtered and paginated' })
  certifications(@ZodQuery(ListRecordsQuery) q: ListRecordsParams) {
    return listRecords(this.view, 'certification', q);
  }

  @Get('catalogue')
  @RequireScope('registry:read')
  @ApiOperation({ summary: 'The ISO catalogue entries imported from ISO Open Data, filtered and paginated' })
  catalogue(@ZodQuery(ListRecordsQuery) q: ListRecordsParams) {
    return listRecords(this.view, 'catalogue-entry', q);
  }

  @Get('items/:id')
  @RequireScope('registry:read')
  @ApiOperation({ summary: 'Any registry item by id' })
  item(@Param('id') id: string) {
    const e = this.view.get(id);
    if (!e) throw new NotFoundProblem(`no item ${id}`);
    return { id, version: e.version, ...e.state };
  }

  @Get('items/:id/history')
  @RequireScope('registry:read')
  @ApiOperation({ summary: 'The full history of an item: its events, who recorded each, when and why' })
  async history(@Param('id') id: string) {
    if (!this.view.get(id)) throw new NotFoundProblem(`no item ${id}`);
    const items = await readAggregateHistory(this.nats, this.topology, 'registry', id);
    return {
      id,
      events: items.map(({ streamSeq, event }) => ({
        seq: event.aggregate.seq,
        streamSeq,
        id: event.id,
        type: event.type,
        version: event.version,
        occurredAt: event.occurredAt,
        actor: event.actor,
        reason: event.reason,
        data: event.data,
      })),
    };
  }
}
