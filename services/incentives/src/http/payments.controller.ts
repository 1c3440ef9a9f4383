import { Controller, Get, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import {
  callContext,
  commandResponse,
  type IdempotentRequest,
  openApiSchema,
  RequireScope,
  sendCsv,
  ZodBody,
} from '@highland/service-kit';
import type { Response as ExpressResponse } from 'express';
import { MarkPaidInput, type MarkPaidBody } from '../commands/ledger-entries.js';
import { ApplicationsWorkflow } from '../commands/workflow.js';
import { paymentInstructions } from '../queries/payments.js';
import { IncentivesView } from '../view/incentives-view.js';
import { SCOPES } from './access.js';

@ApiTags('payments')
@ApiBearerAuth()
@Controller()
export class PaymentsController {
  constructor(
    @Inject(ApplicationsWorkflow) private readonly workflow: ApplicationsWorkflow,
    @Inject(IncentivesView) private readonly view: IncentivesView,
  ) {}

  @Get('payments')
  @RequireScope(SCOPES.payments)
  @ApiOperation({
    summary: 'Payment instructions (finance): amounts in fen, payee, programme, reference, paid or not',
  })
  @ApiQuery({ name: 'programme', required: false })
  @ApiQuery({ name: 'unpaid', required: false, description: 'true: only those not paid yet' })
  list(@Query('programme') programme?: string, @Query('unpaid') unpaid?: string) {
    const items = paymentInstructions(this.view, programme, unpaid === 'true');
    return { total: items.length, items };
  }

  @Get('payments/instructions.csv')
  @RequireScope(SCOPES.payments)
  @ApiOperation({ summary: 'Payment instructions for finance as CSV (amounts in fen as integers)' })
  @ApiQuery({ name: 'programme', required: false })
  @ApiQuery({ name: 'unpaid', required: false, description: 'true: only those not paid yet' })
  csv(@Res() res: ExpressResponse, @Query('programme') programme?: string, @Query('unpaid') unpaid?: string) {
    const rows = paymentInstructions(this.view, programme, unpaid === 'true').map((p) => [
      p.reference,
      p.programmeId,
      p.payee,
      p.applicationId,
      p.instalment,
      p.amountFen,
      p.paid ? 'paid' : 'instructed',
      p.financeReference ?? '',
    ]);
    sendCsv(
      res,
      `payment-instructions${programme ? `-${programme}` : ''}.csv`,
      [
        'reference',
        'programme',
        'payee',
        'application',
        'instalment',
        'amount_fen',
        'status',
        'finance_reference',
      ],
      rows,
    );
  }

  @Post('payments/:reference/paid')
  @RequireScope(SCOPES.payments)
  @ApiOperation({
    summary: "Mark an instruction paid with finance's reference (URL-encode the # of the reference)",
    description: 'The same reference again is unchanged; another reference for a paid instruction is a 409.',
  })
  @ApiBody({ schema: openApiSchema(MarkPaidInput) })
  async paid(
    @Param('reference') reference: string,
    @ZodBody(MarkPaidInput) body: MarkPaidBody,
    @Req() req: IdempotentRequest,
    @Res({ passthrough: true }) res: ExpressResponse,
  ) {
    return commandResponse(res, reference, await this.workflow.markPaid(reference, body, callContext(req)), {
      item: () => paymentInstructions(this.view).find((p) => p.reference === reference),
    });
  }
}
