import { Controller, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  callContext,
  CONFIG,
  commandResponse,
  type IdempotentRequest,
  openApiSchema,
  RequireScope,
  ZodBody,
} from '@highland/service-kit';
import type { Response as ExpressResponse } from 'express';
import { applyStandards, ApplyStandardsInput, type ApplyStandardsBody } from '../commands/apply-standards.js';
import { applyZone, ApplyZoneInput, type ApplyZoneBody } from '../commands/apply-zone.js';
import { approveZone, ApproveZoneInput, type ApproveZoneBody } from '../commands/approve-zone.js';
import type { ZoneCommand } from '../commands/command.js';
import {
  decideAcceptance,
  DecideAcceptanceInput,
  type DecideAcceptanceBody,
} from '../commands/decide-acceptance.js';
import {
  expireZone,
  ExpireZoneInput,
  type ExpireZoneBody,
  revokeZone,
  RevokeZoneInput,
  type RevokeZoneBody,
} from '../commands/end-zone.js';
import { proposeZone, ProposeZoneInput, type ProposeZoneBody } from '../commands/propose-zone.js';
import { registerZone, RegisterZoneInput, type RegisterZoneBody } from '../commands/register-zone.js';
import { recordTraining, RecordTrainingInput, type RecordTrainingBody } from '../commands/record-training.js';
import { reportCoverage, ReportCoverageInput, type ReportCoverageBody } from '../commands/report-coverage.js';
import { reviewMidterm, ReviewMidtermInput, type ReviewMidtermBody } from '../commands/review-midterm.js';
import {
  scoreZoneInspection,
  ScoreInspectionInput,
  type ScoreInspectionBody,
} from '../commands/score-inspection.js';
import {
  startConstruction,
  StartConstructionInput,
  type StartConstructionBody,
} from '../commands/start-construction.js';
import { ZonesCommands } from '../commands/zones-commands.js';
import type { ZonesConfig } from '../config.js';
import { RegistryFacts } from '../view/registry-facts.js';
import { authorityOf } from './authority.js';

const MOVE =
  'An invalid move for the zone’s state is a 409 naming the current state and the allowed next ones; a zone another department is in charge of is a 403.';

@ApiTags('commands')
@ApiBearerAuth()
@Controller()
export class CommandsController {
  constructor(
    @Inject(ZonesCommands) private readonly commands: ZonesCommands,
    @Inject(RegistryFacts) private readonly registry: RegistryFacts,
    @Inject(CONFIG) private readonly config: ZonesConfig,
  ) {}

  private async run(cmd: ZoneCommand, req: IdempotentRequest, res: ExpressResponse) {
    return commandResponse(res, cmd.aggregateId, await this.commands.run(cmd, callContext(req)), {
      location: `/zones/${cmd.aggregateId}`,
    });
  }

  @Post('zones')
  @RequireScope('zones:zones')
  @ApiOperation({
    summary: 'Propose a demonstration zone or pilot',
    description:
      'A department proposes for itself (department may be left out); the office names the department in charge. Hectares are derived from mu (1 ha = 15 mu).',
  })
  @ApiBody({ schema: openApiSchema(ProposeZoneInput) })
  propose(
    @ZodBody(ProposeZoneInput) body: ProposeZoneBody,
    @Req() req: IdempotentRequest,
    @Res({ passthrough: true }) res: ExpressResponse,
  ) {
    return this.run(proposeZone(body, authorityOf(req)), req, res);
  }

  @Post('zones/existing')
  @RequireScope('zones:zones')
  @ApiOperation({
    summary:
      'Record a zone the district already has, at the stage it has reached (approved, under construction, passed)',
    description:
      'What `./highland import zones` posts for each row. The same zone again is answered unchanged; a different zone of the same name is a 409.',
  })
  @ApiBody({ schema: openApiSchema(RegisterZoneInput) })
  registerExisting(
    @ZodBody(RegisterZoneInput) body: RegisterZoneBody,
    @Req() req: IdempotentRequest,
    @Res({ passthrough: true }) res: ExpressResponse,
  ) {
    return this.run(registerZone(body, authorityOf(req)), req, res);
  }

  @Post('zones/:id/application')
  @RequireScope('zones:zones')
  @ApiOperation({
    summary: 'Record the application for approval (to which authority, when)',
    description: MOVE,
  })
  @ApiBody({ schema: openApiSchema(ApplyZoneInput) })
  apply(
    @Param('id') id: string,
    @ZodBody(ApplyZoneInput) body: ApplyZoneBody,
    @Req() req: IdempotentRequest,
    @Res({ passthrough: true }) res: ExpressResponse,
  ) {
    return this.run(applyZone(id, body, authorityOf(req)), req, res);
  }

  @Post('zones/:id/approval')
  @RequireScope('zones:zones')
  @ApiOperation({
    summary: 'Record the approval: batch, approval document, construction period',
    description: MOVE,
  })
  @ApiBody({ schema: openApiSchema(ApproveZoneInput) })
  approve(
    @Param('id') id: string,
    @ZodBody(ApproveZoneInput) body: ApproveZoneBody,
    @Req() req: IdempotentRequest,
    @Res({ passthrough: true }) res: ExpressResponse,
  ) {
    return this.run(approveZone(id, body, authorityOf(req)), req, res);
  }

  @Post('zones/:id/construction')
  @RequireScope('zones:zones')
  @ApiOperation({ summary: 'Record the start of construction under the task book', description: MOVE })
  @ApiBody({ schema: openApiSchema(StartConstructionInput) })
  startConstruction(
    @Param('id') id: string,
    @ZodBody(StartConstructionInput) body: StartConstructionBody,
    @Req() req: IdempotentRequest,
    @Res({ passthrough: true }) res: ExpressResponse,
  ) {
    return this.run(startConstruction(id, body, authorityOf(req)), req, res);
  }

  @Post('zones/:id/midterm-review')
  @RequireScope('zones:zones')
  @ApiOperation({ summary: 'Record a mid-term evaluation', description: MOVE })
  @ApiBody({ schema: openApiSchema(ReviewMidtermInput) })
  reviewMidterm(
    @Param('id') id: string,
    @ZodBody(ReviewMidtermInput) body: ReviewMidtermBody,
    @Req() req: IdempotentRequest,
    @Res({ passthrough: true }) res: ExpressResponse,
  ) {
    return this.run(reviewMidterm(id, body, authorityOf(req)), req, res);
  }

  @Post('zones/:id/inspections')
  @RequireScope('zones:zones')
  @ApiOperation({
    summary: 'Score an acceptance inspection (or the re-inspection after rectification)',
    description: `Every item of the sheet scored once by a named inspector; totals are computed. Without a sheet, the default sheet of the zone's kind (GET /scoring-sheets/{kind}). ${MOVE}`,
  })
  @ApiBody({ schema: openApiSchema(ScoreInspectionInput) })
  scoreInspection(
    @Param('id') id: string,
    @ZodBody(ScoreInspectionInput) body: ScoreInspectionBody,
    @Req() req: IdempotentRequest,
    @Res({ passthrough: true }) res: ExpressResponse,
  ) {
    return this.run(scoreZoneInspection(id, body, authorityOf(req), this.config.ZONES_PASS_MARK), req, res);
  }

  @Post('zones/:id/acceptance')
  @RequireScope('zones:zones')
  @ApiOperation({
    summary: 'Decide the acceptance: passed, rectification required (with a deadline) or failed',
    description: `Passed only when the last inspection met the pass mark and every key item; otherwise rectification or failure. ${MOVE}`,
  })
  @ApiBody({ schema: openApiSchema(DecideAcceptanceInput) })
  decideAcceptance(
    @Param('id') id: string,
    @ZodBody(DecideAcceptanceInput) body: DecideAcceptanceBody,
    @Req() req: IdempotentRequest,
    @Res({ passthrough: true }) res: ExpressResponse,
  ) {
    return this.run(decideAcceptance(id, body, authorityOf(req)), req, res);
  }

  @Post('zones/:id/revocation')
  @RequireScope('zones:zones')
  @ApiOperation({ summary: 'Record that the authority revoked the zone', description: MOVE })
  @ApiBody({ schema: openApiSchema(RevokeZoneInput) })
  revoke(
    @Param('id') id: string,
    @ZodBody(RevokeZoneInput) body: RevokeZoneBody,
    @Req() req: IdempotentRequest,
    @Res({ passthrough: true }) res: ExpressResponse,
  ) {
    return this.run(revokeZone(id, body, authorityOf(req)), req, res);
  }

  @Post('zones/:id/expiry')
  @RequireScope('zones:zones')
  @ApiOperation({ summary: 'Record that the accreditation lapsed', description: MOVE })
  @ApiBody({ schema: openApiSchema(ExpireZoneInput) })
  expire(
    @Param('id') id: string,
    @ZodBody(ExpireZoneInput) body: ExpireZoneBody,
    @Req() req: IdempotentRequest,
    @Res({ passthrough: true }) res: ExpressResponse,
  ) {
    return this.run(expireZone(id, body, authorityOf(req)), req, res);
  }

  @Post('zones/:id/standards')
  @RequireScope('zones:zones')
  @ApiOperation({
    summary: "Set the zone's standards system: the standards it applies, by registry code",
    description:
      'Each code must be a standard the registry knows and still in force (422 naming the field otherwise), checked against the zones service’s own copy of the registry’s events.',
  })
  @ApiBody({ schema: openApiSchema(ApplyStandardsInput) })
  applyStandards(
    @Param('id') id: string,
    @ZodBody(ApplyStandardsInput) body: ApplyStandardsBody,
    @Req() req: IdempotentRequest,
    @Res({ passthrough: true }) res: ExpressResponse,
  ) {
    return this.run(
      applyStandards(id, body, authorityOf(req), (c) => this.registry.lookup(c)),
      req,
      res,
    );
  }

  @Post('zones/:id/coverage')
  @RequireScope('zones:zones')
  @ApiOperation({ summary: 'Report coverage figures for a period (area, households, enterprises, output)' })
  @ApiBody({ schema: openApiSchema(ReportCoverageInput) })
  reportCoverage(
    @Param('id') id: string,
    @ZodBody(ReportCoverageInput) body: ReportCoverageBody,
    @Req() req: IdempotentRequest,
    @Res({ passthrough: true }) res: ExpressResponse,
  ) {
    return this.run(reportCoverage(id, body, authorityOf(req)), req, res);
  }

  @Post('zones/:id/trainings')
  @RequireScope('zones:zones')
  @ApiOperation({ summary: 'Record a training session (date, topic, attendees)' })
  @ApiBody({ schema: openApiSchema(RecordTrainingInput) })
  recordTraining(
    @Param('id') id: string,
    @ZodBody(RecordTrainingInput) body: RecordTrainingBody,
    @Req() req: IdempotentRequest,
    @Res({ passthrough: true }) res: ExpressResponse,
  ) {
    return this.run(recordTraining(id, body, authorityOf(req)), req, res);
  }
}
