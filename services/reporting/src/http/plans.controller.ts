import { randomUUID } from 'node:crypto';
import { Body, Controller, Get, HttpCode, Inject, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  callerOf,
  type IdempotentRequest,
  NotFoundProblem,
  openApiSchema,
  Public,
  RequireScope,
  ZodBody,
} from '@highland/service-kit';
import { ReportingCommands } from '../commands/reporting-commands.js';
import { type PeersBody, PeersInput } from '../commands/peers.input.js';
import { PlanSchema } from '../domain/plan.js';
import { ReportingView } from '../view/reporting-view.js';

const correlation = (req: IdempotentRequest) =>
  typeof req.headers['x-correlation-id'] === 'string' ? req.headers['x-correlation-id'] : randomUUID();

@ApiTags('plans')
@Controller('plans')
export class PlansController {
  constructor(
    @Inject(ReportingView) private readonly view: ReportingView,
    @Inject(ReportingCommands) private readonly commands: ReportingCommands,
  ) {}

  @Public()
  @Get()
  @ApiOperation({ summary: 'Every plan, side by side, with the attainment of each indicator' })
  list() {
    return this.view.state.planList().map((plan) => ({ ...plan, attainment: this.view.snapshot(plan.id) }));
  }

  @Public()
  @Get(':planId')
  @ApiOperation({ summary: 'One plan: its period, indicators and the attainment of each' })
  plan(@Param('planId') planId: string) {
    const plan = this.view.state.plans.get(planId);
    if (!plan)
      throw new NotFoundProblem(`no plan ${planId}`, [{ field: 'path.planId', reason: 'unknown plan' }]);
    return { ...plan, position: this.view.position, attainment: this.view.snapshot(planId) };
  }

  @Public()
  @Get(':planId/indicators/:indicatorId')
  @ApiOperation({
    summary: 'One indicator: value, target, status, breakdowns, monthly series and the items that count',
  })
  indicator(@Param('planId') planId: string, @Param('indicatorId') indicatorId: string) {
    const plan = this.view.state.plans.get(planId);
    if (!plan)
      throw new NotFoundProblem(`no plan ${planId}`, [{ field: 'path.planId', reason: 'unknown plan' }]);
    const indicator = plan.indicators.find((i) => i.id === indicatorId);
    const attainment = this.view.attainment(planId, indicatorId);
    if (!indicator || !attainment) {
      throw new NotFoundProblem(`plan ${planId} has no indicator ${indicatorId}`, [
        { field: 'path.indicatorId', reason: 'unknown indicator' },
      ]);
    }
    const items = attainment.items.slice(0, 1000).map((id) => {
      const fact = this.view.state.facts.get(id)!;
      return { id, occurredAt: fact.occurredAt, attributes: fact.attributes, ref: fact.ref };
    });
    return {
      indicator,
      attainment: { ...attainment, items: undefined },
      items,
      itemCount: attainment.items.length,
    };
  }

  @Post()
  @HttpCode(201)
  @ApiBearerAuth()
  @RequireScope('reporting:plans')
  @ApiOperation({ summary: 'Define (or redefine) a plan: period and indicators, as data' })
  @ApiBody({ schema: openApiSchema(PlanSchema) })
  async define(@Body() body: unknown, @Req() req: IdempotentRequest) {
    const plan = await this.commands.definePlan(body, callerOf(req).actor, correlation(req));
    return { ...plan, attainment: this.view.snapshot(plan.id) };
  }

  @Post(':planId/indicators/:indicatorId/peers')
  @HttpCode(201)
  @ApiBearerAuth()
  @RequireScope('reporting:plans')
  @ApiOperation({ summary: "Import peer districts' published totals for a comparative (rank) target" })
  @ApiBody({ schema: openApiSchema(PeersInput) })
  async peers(
    @Param('planId') planId: string,
    @Param('indicatorId') indicatorId: string,
    @ZodBody(PeersInput) body: PeersBody,
    @Req() req: IdempotentRequest,
  ) {
    return this.commands.importPeers(planId, indicatorId, body, callerOf(req).actor, correlation(req));
  }
}
