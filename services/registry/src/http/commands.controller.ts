import { Controller, HttpCode, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  callContext,
  commandResponse,
  type IdempotentRequest,
  openApiSchema,
  RequireScope,
  ZodBody,
} from '@highland/service-kit';
import type { Response as ExpressResponse } from 'express';
import {
  certifyEnterprise,
  CertifyEnterpriseInput,
  type CertifyEnterpriseBody,
} from '../commands/certify-enterprise.js';
import { changeStage, ChangeStageInput, type ChangeStageBody } from '../commands/change-stage.js';
import {
  endSeat,
  EndSeatInput,
  type EndSeatBody,
  grantSeat,
  GrantSeatInput,
  type GrantSeatBody,
} from '../commands/committee-seat.js';
import {
  fileEnterpriseStandard,
  FileEnterpriseStandardInput,
  type FileEnterpriseStandardBody,
} from '../commands/file-enterprise-standard.js';
import {
  recordKeyProduct,
  RecordKeyProductInput,
  type RecordKeyProductBody,
} from '../commands/record-key-product.js';
import {
  registerStandard,
  RegisterStandardInput,
  type RegisterStandardBody,
} from '../commands/register-standard.js';
import { registerStandardFast } from '../commands/register-standard-fast.js';
import { RegistryCommands } from '../commands/registry-commands.js';
import { RegistryView } from '../view/registry-view.js';
import { resolveStandardRef } from './standard-ref.js';

const idempotencyHeader = ApiHeader({
  name: 'Idempotency-Key',
  required: false,
  description: 'Retry-safe POST: the same key and body return the first response',
});

@ApiTags('commands')
@ApiBearerAuth()
@Controller()
export class CommandsController {
  constructor(
    @Inject(RegistryCommands) private readonly commands: RegistryCommands,
    @Inject(RegistryView) private readonly view: RegistryView,
  ) {}

  @Post('standards')
  @RequireScope('registry:standards')
  @ApiOperation({
    summary: 'Register a standard: a work item (formulate, revise, adopt) or an existing standard',
  })
  @ApiBody({ schema: openApiSchema(RegisterStandardInput) })
  @idempotencyHeader
  async registerStandard(
    // The import's hand-written check first (same value as the schema, pinned by a unit test).
    @ZodBody(RegisterStandardInput, registerStandardFast) body: RegisterStandardBody,
    @Req() req: IdempotentRequest,
    @Res({ passthrough: true }) res: ExpressResponse,
  ) {
    const cmd = registerStandard(body);
    return commandResponse(res, cmd.aggregateId, await this.commands.run(cmd, callContext(req)), {
      location: `/items/${cmd.aggregateId}`,
    });
  }

  @Post('standards/:ref/stage')
  @RequireScope('registry:standards')
  @ApiOperation({
    summary: 'Move a standard to its next stage',
    description:
      'ref is the item id (std-…) or the URL-encoded code. An invalid move is a 409 naming the current stage and the allowed next ones.',
  })
  @ApiBody({ schema: openApiSchema(ChangeStageInput) })
  @idempotencyHeader
  async changeStage(
    @Param('ref') ref: string,
    @ZodBody(ChangeStageInput) body: ChangeStageBody,
    @Req() req: IdempotentRequest,
    @Res({ passthrough: true }) res: ExpressResponse,
  ) {
    const id = resolveStandardRef(this.view, ref);
    return commandResponse(res, id, await this.commands.run(changeStage(id, body), callContext(req)), {
      location: `/items/${id}`,
    });
  }

  @Post('key-products')
  @RequireScope('registry:key-products')
  @ApiOperation({ summary: 'Record a key product of a key field and the standard it adopts' })
  @ApiBody({ schema: openApiSchema(RecordKeyProductInput) })
  @idempotencyHeader
  async recordKeyProduct(
    @ZodBody(RecordKeyProductInput) body: RecordKeyProductBody,
    @Req() req: IdempotentRequest,
    @Res({ passthrough: true }) res: ExpressResponse,
  ) {
    const cmd = recordKeyProduct(body);
    return commandResponse(res, cmd.aggregateId, await this.commands.run(cmd, callContext(req)), {
      location: `/items/${cmd.aggregateId}`,
    });
  }

  @Post('filings')
  @RequireScope('registry:filings')
  @ApiOperation({
    summary: 'File an enterprise product standard (a repeated filing is recognised, not counted twice)',
  })
  @ApiBody({ schema: openApiSchema(FileEnterpriseStandardInput) })
  @idempotencyHeader
  async file(
    @ZodBody(FileEnterpriseStandardInput) body: FileEnterpriseStandardBody,
    @Req() req: IdempotentRequest,
    @Res({ passthrough: true }) res: ExpressResponse,
  ) {
    const cmd = fileEnterpriseStandard(body);
    return commandResponse(res, cmd.aggregateId, await this.commands.run(cmd, callContext(req)), {
      location: `/items/${cmd.aggregateId}`,
    });
  }

  @Post('committee-seats')
  @RequireScope('registry:committees')
  @ApiOperation({ summary: 'Record a seat on a national TC/SC/WG or an ISO committee' })
  @ApiBody({ schema: openApiSchema(GrantSeatInput) })
  @idempotencyHeader
  async grantSeat(
    @ZodBody(GrantSeatInput) body: GrantSeatBody,
    @Req() req: IdempotentRequest,
    @Res({ passthrough: true }) res: ExpressResponse,
  ) {
    const cmd = grantSeat(body);
    return commandResponse(res, cmd.aggregateId, await this.commands.run(cmd, callContext(req)), {
      location: `/items/${cmd.aggregateId}`,
    });
  }

  @Post('committee-seats/:id/end')
  @HttpCode(201)
  @RequireScope('registry:committees')
  @ApiOperation({ summary: 'End a committee seat' })
  @ApiBody({ schema: openApiSchema(EndSeatInput) })
  async endSeat(
    @Param('id') id: string,
    @ZodBody(EndSeatInput) body: EndSeatBody,
    @Req() req: IdempotentRequest,
    @Res({ passthrough: true }) res: ExpressResponse,
  ) {
    return commandResponse(res, id, await this.commands.run(endSeat(id, body), callContext(req)), {
      location: `/items/${id}`,
    });
  }

  @Post('certifications')
  @RequireScope('registry:certifications')
  @ApiOperation({ summary: 'Record a standardization good-behaviour certification' })
  @ApiBody({ schema: openApiSchema(CertifyEnterpriseInput) })
  @idempotencyHeader
  async certify(
    @ZodBody(CertifyEnterpriseInput) body: CertifyEnterpriseBody,
    @Req() req: IdempotentRequest,
    @Res({ passthrough: true }) res: ExpressResponse,
  ) {
    const cmd = certifyEnterprise(body);
    return commandResponse(res, cmd.aggregateId, await this.commands.run(cmd, callContext(req)), {
      location: `/items/${cmd.aggregateId}`,
    });
  }
}
