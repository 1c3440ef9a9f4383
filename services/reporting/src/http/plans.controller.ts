import { Body, Controller, Get, HttpCode, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  callContext,
  commandResponse,
  type IdempotentRequest,
  NotFoundProblem,
  openApiSchema,
  Public,
  RequireScope,
  ZodBody,
} from '@highland/service-kit';
import type { Response as ExpressResponse } from 'express';
import { definePlan, DefinePlanInput } from '../commands/define-plan.js';
import { type ImportPeersBody, ImportPeersInput, importPeers } from '../commands/import-peers.js';
import { ReportingCommands } from '../commands/reporting-commands.js';
import { ReportingView } from '../view/reporting-view.js';

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
  @ApiBody({ schema: openApiSchema(DefinePlanInput) })
  async define(
    @Body() body: unknown,
    @Req() req: IdempotentRequest,
    @Res({ passthrough: true }) res: ExpressResponse,
  ) {
    const cmd = definePlan(body, this.commands.plans);
    const id = cmd.plan.id;
    return commandResponse(res, id, await this.commands.run(cmd, callContext(req)), {
      location: `/plans/${id}`,
      item: () => ({ ...this.view.state.plans.get(id)!, attainment: this.view.snapshot(id) }),
    });
  }

  @Post(':planId/indicators/:indicatorId/peers')
  @HttpCode(201)
  @ApiBearerAuth()
  @RequireScope('reporting:plans')
  @ApiOperation({ summary: "Import peer districts' published totals for a comparative (rank) target" })
  @ApiBody({ schema: openApiSchema(ImportPeersInput) })
  async peers(
    @Param('planId') planId: string,
    @Param('indicatorId') indicatorId: string,
    @ZodBody(ImportPeersInput) body: ImportPeersBody,
    @Req() req: IdempotentRequest,
    @Res({ passthrough: true }) res: ExpressResponse,
  ) {
    const cmd = importPeers(planId, indicatorId, body, this.commands.plans);
    return commandResponse(res, cmd.aggregateId, await this.commands.run(cmd, callContext(req)), {
      location: `/plans/${planId}/indicators/${indicatorId}`,
      item: () => this.view.attainment(planId, indicatorId),
    });
  }
}
