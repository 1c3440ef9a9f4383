import { Controller, Get, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import {
  type AuthenticatedRequest,
  callContext,
  commandResponse,
  type IdempotentRequest,
  openApiSchema,
  RequireScope,
  ZodBody,
} from '@highland/service-kit';
import type { Response as ExpressResponse } from 'express';
import type { z } from 'zod';
import {
  AppealInput,
  AwardInput,
  StartReviewInput,
  type StartReviewBody,
  WithdrawInput,
} from '../commands/application-lifecycle.js';
import { DecisionInput, type DecisionBody } from '../commands/decide-application.js';
import { DraftApplicationInput, type DraftApplicationBody } from '../commands/draft-application.js';
import { InstructPaymentInput, type InstructPaymentBody } from '../commands/ledger-entries.js';
import { ScoreInput, type ScoreBody } from '../commands/score-review.js';
import { ApplicationsWorkflow } from '../commands/workflow.js';
import type { ApplicationState } from '../domain/state.js';
import { IncentivesView } from '../view/incentives-view.js';
import {
  callerKind,
  canSee,
  enterpriseOf,
  ownApplication,
  reviewerOf,
  SCOPES,
  visibleApplication,
} from './access.js';

/** What a caller reads of an application: reviewers do not see other reviewers' comments. */
const shown = (id: string, a: ApplicationState) => ({ id, ...a });

@ApiTags('applications')
@ApiBearerAuth()
@Controller()
export class ApplicationsController {
  constructor(
    @Inject(ApplicationsWorkflow) private readonly workflow: ApplicationsWorkflow,
    @Inject(IncentivesView) private readonly view: IncentivesView,
  ) {}

  @Post('applications')
  @RequireScope(SCOPES.apply)
  @ApiOperation({
    summary:
      'Draft an application (an enterprise): every cited item checked against the registry and zones facts',
    description:
      'An ineligible or unknown item, an item already claimed, or a programme outside its window is a 4xx problem naming the item (body.items.<n>.ref) and why; nothing is stored.',
  })
  @ApiBody({ schema: openApiSchema(DraftApplicationInput) })
  async draft(
    @ZodBody(DraftApplicationInput) body: DraftApplicationBody,
    @Req() req: IdempotentRequest,
    @Res({ passthrough: true }) res: ExpressResponse,
  ) {
    const me = enterpriseOf(req, this.view);
    const { id, result } = await this.workflow.draft(body, me, callContext(req));
    return commandResponse(res, id, result, { location: `/applications/${id}`, item: (s) => ({ id, ...s }) });
  }

  @Get('applications')
  @RequireScope(SCOPES.read)
  @ApiOperation({
    summary:
      'Applications the caller may see: an enterprise its own, a reviewer those assigned to it, the office and finance all',
  })
  @ApiQuery({ name: 'programme', required: false })
  @ApiQuery({ name: 'status', required: false })
  list(
    @Req() req: AuthenticatedRequest,
    @Query('programme') programme?: string,
    @Query('status') status?: string,
  ) {
    const caller = callerKind(req, this.view);
    const filter = {
      ...(programme ? { programme } : {}),
      ...(caller.kind === 'enterprise' ? { participant: caller.participant.participantId } : {}),
    };
    const items = this.view
      .applications(filter)
      .filter(([, a]) => canSee(caller, a) && (!status || a.status === status))
      .map(([id, a]) => shown(id, a));
    return { total: items.length, items };
  }

  @Get('applications/:id')
  @RequireScope(SCOPES.read)
  @ApiOperation({ summary: "An application, its items' eligibility, scores, decision and payments" })
  async get(@Param('id') id: string, @Req() req: AuthenticatedRequest) {
    await this.workflow.known(id);
    return shown(id, visibleApplication(req, this.view, id));
  }

  @Post('applications/:id/submit')
  @RequireScope(SCOPES.apply)
  @ApiOperation({
    summary: 'Submit an application (its enterprise): claims its items and records the eligibility check',
    description:
      'An item claimed meanwhile by another application is a 409 naming it; nothing stays claimed.',
  })
  async submit(
    @Param('id') id: string,
    @Req() req: IdempotentRequest,
    @Res({ passthrough: true }) res: ExpressResponse,
  ) {
    await this.workflow.known(id);
    ownApplication(req, this.view, id);
    return commandResponse(res, id, await this.workflow.submit(id, callContext(req)), {
      item: (s) => ({ id, ...s }),
    });
  }

  @Post('applications/:id/withdraw')
  @RequireScope(SCOPES.apply)
  @ApiOperation({
    summary: 'Withdraw an application (its enterprise): its claims and any reserved budget are released',
  })
  @ApiBody({ schema: openApiSchema(WithdrawInput) })
  async withdraw(
    @Param('id') id: string,
    @ZodBody(WithdrawInput) body: z.infer<typeof WithdrawInput>,
    @Req() req: IdempotentRequest,
    @Res({ passthrough: true }) res: ExpressResponse,
  ) {
    await this.workflow.known(id);
    ownApplication(req, this.view, id);
    return commandResponse(res, id, await this.workflow.withdraw(id, body.reason, callContext(req)), {
      item: (s) => ({ id, ...s }),
    });
  }

  @Post('applications/:id/appeal')
  @RequireScope(SCOPES.apply)
  @ApiOperation({ summary: 'Appeal a rejection (its enterprise, once)' })
  @ApiBody({ schema: openApiSchema(AppealInput) })
  async appeal(
    @Param('id') id: string,
    @ZodBody(AppealInput) body: z.infer<typeof AppealInput>,
    @Req() req: IdempotentRequest,
    @Res({ passthrough: true }) res: ExpressResponse,
  ) {
    await this.workflow.known(id);
    ownApplication(req, this.view, id);
    return commandResponse(res, id, await this.workflow.appeal(id, body.grounds, callContext(req)), {
      item: (s) => ({ id, ...s }),
    });
  }

  @Post('applications/:id/review')
  @RequireScope(SCOPES.programmes)
  @ApiOperation({
    summary: 'Send an application to review, assigned to reviewers (the office)',
    description: "A reviewer of the applicant's organisation is a 409 (conflict of interest).",
  })
  @ApiBody({ schema: openApiSchema(StartReviewInput) })
  async review(
    @Param('id') id: string,
    @ZodBody(StartReviewInput) body: StartReviewBody,
    @Req() req: IdempotentRequest,
    @Res({ passthrough: true }) res: ExpressResponse,
  ) {
    await this.existing(id);
    return commandResponse(res, id, await this.workflow.startReview(id, body, callContext(req)), {
      item: (s) => ({ id, ...s }),
    });
  }

  @Post('applications/:id/scores')
  @RequireScope(SCOPES.review)
  @ApiOperation({
    summary: "Score an application against the programme's criteria (an assigned reviewer)",
    description: "A reviewer of the applicant's organisation is refused (403, conflict of interest).",
  })
  @ApiBody({ schema: openApiSchema(ScoreInput) })
  async score(
    @Param('id') id: string,
    @ZodBody(ScoreInput) body: ScoreBody,
    @Req() req: IdempotentRequest,
    @Res({ passthrough: true }) res: ExpressResponse,
  ) {
    const reviewer = reviewerOf(req, this.view);
    await this.workflow.known(id);
    visibleApplication(req, this.view, id);
    return commandResponse(res, id, await this.workflow.score(id, reviewer, body, callContext(req)), {
      item: (s) => ({ id, ...s }),
    });
  }

  @Post('applications/:id/decision')
  @RequireScope(SCOPES.programmes)
  @ApiOperation({
    summary: 'Approve (amount, or prize tier) or reject (reason) an application (the office)',
    description:
      "Approval reserves the amount in the programme's ledger: over the remaining budget or the per-applicant cap is a 409, and nothing is approved.",
  })
  @ApiBody({ schema: openApiSchema(DecisionInput) })
  async decide(
    @Param('id') id: string,
    @ZodBody(DecisionInput) body: DecisionBody,
    @Req() req: IdempotentRequest,
    @Res({ passthrough: true }) res: ExpressResponse,
  ) {
    await this.existing(id);
    return commandResponse(res, id, await this.workflow.decide(id, body, callContext(req)), {
      item: (s) => ({ id, ...s }),
    });
  }

  @Post('applications/:id/award')
  @RequireScope(SCOPES.programmes)
  @ApiOperation({
    summary: 'Confirm the award of an approved application: it enters the public notice (the office)',
  })
  @ApiBody({ schema: openApiSchema(AwardInput) })
  async award(
    @Param('id') id: string,
    @ZodBody(AwardInput) body: z.infer<typeof AwardInput>,
    @Req() req: IdempotentRequest,
    @Res({ passthrough: true }) res: ExpressResponse,
  ) {
    await this.existing(id);
    return commandResponse(res, id, await this.workflow.award(id, body.noticeOn, callContext(req)), {
      item: (s) => ({ id, ...s }),
    });
  }

  @Post('applications/:id/payments')
  @RequireScope(SCOPES.payments)
  @ApiOperation({
    summary: 'Issue a payment instruction for one instalment of an awarded application (finance)',
    description:
      'An instalment is issued once: the same instalment again is unchanged, with another amount a 409.',
  })
  @ApiBody({ schema: openApiSchema(InstructPaymentInput) })
  async instruct(
    @Param('id') id: string,
    @ZodBody(InstructPaymentInput) body: InstructPaymentBody,
    @Req() req: IdempotentRequest,
    @Res({ passthrough: true }) res: ExpressResponse,
  ) {
    await this.workflow.known(id);
    visibleApplication(req, this.view, id);
    return commandResponse(res, id, await this.workflow.instruct(id, body, callContext(req)));
  }

  /** A missing application (or an id no application can have) is a 404 before anything else. */
  private async existing(id: string): Promise<void> {
    await this.workflow.known(id);
    this.workflow.application(id);
  }
}
