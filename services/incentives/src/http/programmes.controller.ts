import { Controller, Get, HttpCode, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  type AuthenticatedRequest,
  callContext,
  commandResponse,
  type IdempotentRequest,
  NotFoundProblem,
  openApiSchema,
  Public,
  RequireScope,
  sendCsv,
  ZodBody,
} from '@highland/service-kit';
import type { Response as ExpressResponse } from 'express';
import { z } from 'zod';
import { CitedItem } from '@highland/contracts';
import {
  defineProgramme,
  DefineProgrammeInput,
  type DefineProgrammeBody,
} from '../commands/define-programme.js';
import { IncentivesCommands } from '../commands/incentives-commands.js';
import { ApplicationsWorkflow } from '../commands/workflow.js';
import { committedFen } from '../domain/ledger.js';
import { programmeId } from '../domain/ids.js';
import { budgetOf } from '../queries/budget.js';
import { IncentivesView } from '../view/incentives-view.js';
import { enterpriseOf, SCOPES } from './access.js';

const EligibilityInput = z.object({ items: z.array(CitedItem).min(1).max(50) }).strict();

@ApiTags('programmes')
@ApiBearerAuth()
@Controller()
export class ProgrammesController {
  constructor(
    @Inject(IncentivesCommands) private readonly commands: IncentivesCommands,
    @Inject(IncentivesView) private readonly view: IncentivesView,
    @Inject(ApplicationsWorkflow) private readonly workflow: ApplicationsWorkflow,
  ) {}

  @Post('programmes')
  @RequireScope(SCOPES.programmes)
  @ApiOperation({
    summary: 'Define (or redefine) a programme: budget, caps, window, eligibility rules as data',
    description:
      'A malformed rule is a 400 problem naming its JSON path (body.rules.2.tiers.0.amountFen). Amounts are integers in fen.',
  })
  @ApiBody({ schema: openApiSchema(DefineProgrammeInput) })
  async define(
    @ZodBody(DefineProgrammeInput) body: DefineProgrammeBody,
    @Req() req: IdempotentRequest,
    @Res({ passthrough: true }) res: ExpressResponse,
  ) {
    const cmd = defineProgramme(body, committedFen(this.view.ledger(body.id)));
    return commandResponse(res, cmd.aggregateId, await this.commands.run(cmd, callContext(req)), {
      location: `/programmes/${body.id}`,
    });
  }

  @Get('programmes')
  @RequireScope(SCOPES.read)
  @ApiOperation({ summary: 'Every programme with its budget used and left' })
  list() {
    return {
      items: this.view.allProgrammes().map((p) => ({
        ...p.definition,
        budget: budgetOf(p.definition, this.view.ledger(p.definition.id)),
      })),
    };
  }

  @Get('programmes/:id')
  @RequireScope(SCOPES.read)
  @ApiOperation({ summary: 'A programme, its rules and its budget' })
  get(@Param('id') id: string) {
    const p = this.view.programme(id);
    if (!p) throw new NotFoundProblem(`no programme ${id}`);
    return {
      ...p.definition,
      aggregateId: programmeId(id),
      definedBy: p.definedBy,
      definedAt: p.definedAt,
      budget: budgetOf(p.definition, this.view.ledger(id)),
    };
  }

  @Get('programmes/:id/budget')
  @RequireScope(SCOPES.read)
  @ApiOperation({ summary: "A programme's budget ledger: total, reserved, paid, remaining (fen)" })
  budget(@Param('id') id: string) {
    const p = this.view.programme(id);
    if (!p) throw new NotFoundProblem(`no programme ${id}`);
    return budgetOf(p.definition, this.view.ledger(id));
  }

  @Post('programmes/:id/eligibility')
  @HttpCode(200)
  @RequireScope(SCOPES.apply)
  @ApiOperation({
    summary: 'Check items against a programme without applying: every rule explained, passed or failed',
  })
  @ApiBody({ schema: openApiSchema(EligibilityInput) })
  async eligibility(
    @Param('id') id: string,
    @ZodBody(EligibilityInput) body: z.infer<typeof EligibilityInput>,
    @Req() req: AuthenticatedRequest,
  ) {
    const me = enterpriseOf(req, this.view);
    const p = this.workflow.programmeOf(id, 'path.id');
    return this.workflow.check(p, me.name, body.items);
  }

  @Get('programmes/:id/notice.csv')
  @Public()
  @ApiOperation({ summary: 'The public notice of a programme: its awardees and amounts (CSV)' })
  notice(@Param('id') id: string, @Res() res: ExpressResponse) {
    const p = this.view.programme(id);
    if (!p) throw new NotFoundProblem(`no programme ${id}`);
    const rows = this.view
      .applications({ programme: id })
      .filter(([, a]) => a.status === 'awarded' || a.status === 'paid')
      .sort(([, a], [, b]) => a.applicant.localeCompare(b.applicant, 'zh'))
      .map(([, a]) => [
        p.definition.name.zh,
        p.definition.year,
        a.applicant,
        a.tier ?? '',
        a.approvedFen ?? 0,
        a.awardedOn ?? '',
      ]);
    sendCsv(
      res,
      `notice-${id}.csv`,
      ['programme', 'year', 'awardee', 'tier', 'amount_fen', 'notice_on'],
      rows,
    );
  }
}
