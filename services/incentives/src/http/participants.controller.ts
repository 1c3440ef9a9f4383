import { Controller, Get, HttpCode, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  API_KEYS,
  type ApiKeyStore,
  callContext,
  commandResponse,
  type IdempotentRequest,
  NotFoundProblem,
  openApiSchema,
  RequireScope,
  ZodBody,
} from '@highland/service-kit';
import type { Response as ExpressResponse } from 'express';
import { IncentivesCommands } from '../commands/incentives-commands.js';
import {
  registerParticipant,
  RegisterParticipantInput,
  type RegisterParticipantBody,
} from '../commands/register-participant.js';
import { IncentivesView } from '../view/incentives-view.js';
import { PARTICIPANT_PREFIX, SCOPES } from './access.js';

const ROLE_SCOPE = { enterprise: SCOPES.apply, reviewer: SCOPES.review, finance: SCOPES.payments } as const;

@ApiTags('participants')
@ApiBearerAuth()
@Controller()
export class ParticipantsController {
  constructor(
    @Inject(IncentivesCommands) private readonly commands: IncentivesCommands,
    @Inject(IncentivesView) private readonly view: IncentivesView,
    @Inject(API_KEYS) private readonly keys: ApiKeyStore,
  ) {}

  @Post('participants')
  @RequireScope(SCOPES.programmes)
  @ApiOperation({
    summary:
      'Register an enterprise (applicant), a reviewer or a finance officer and its organisation (the office)',
  })
  @ApiBody({ schema: openApiSchema(RegisterParticipantInput) })
  async register(
    @ZodBody(RegisterParticipantInput) body: RegisterParticipantBody,
    @Req() req: IdempotentRequest,
    @Res({ passthrough: true }) res: ExpressResponse,
  ) {
    const cmd = registerParticipant(body);
    return commandResponse(res, cmd.aggregateId, await this.commands.run(cmd, callContext(req)), {
      location: `/participants/${body.participantId}`,
    });
  }

  @Get('participants')
  @RequireScope(SCOPES.programmes)
  @ApiOperation({ summary: 'Registered participants (the office)' })
  list() {
    const items = [...this.view.aggregates.values()]
      .map(([, e]) => e.state)
      .filter((s) => s.kind === 'participant');
    return { total: items.length, items };
  }

  @Get('participants/:id')
  @RequireScope(SCOPES.programmes)
  @ApiOperation({ summary: 'One registered participant (the office)' })
  one(@Param('id') id: string) {
    const p = this.view.participant(id);
    if (!p) throw new NotFoundProblem(`no participant ${id}`);
    return p;
  }

  @Post('participants/:id/keys')
  @HttpCode(201)
  @RequireScope(SCOPES.programmes)
  @ApiOperation({
    summary: 'Issue an API key for a participant: an enterprise sees and edits only its own applications',
  })
  async issueKey(@Param('id') id: string) {
    const p = this.view.participant(id);
    if (!p) throw new NotFoundProblem(`no participant ${id}`);
    const created = await this.keys.create({
      department: `${PARTICIPANT_PREFIX[p.role]}${id}`,
      scopes: [ROLE_SCOPE[p.role]],
      label: `${p.role} ${id}`,
    });
    return { participantId: id, role: p.role, key: created.key, note: 'shown once; store it now' };
  }
}
