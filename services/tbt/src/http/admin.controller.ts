import { Controller, HttpCode, Inject, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { RequireScope, ValidationProblem } from '@highland/service-kit';
import { WebhookSecrets } from '../delivery/secrets.js';
import { Scheduler } from '../scheduling/scheduler.js';

@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin')
export class TbtAdminController {
  constructor(
    @Inject(Scheduler) private readonly scheduler: Scheduler,
    @Inject(WebhookSecrets) private readonly secrets: WebhookSecrets,
  ) {}

  @Post('webhook-secrets/re-encrypt')
  @HttpCode(200)
  @RequireScope('tbt:admin')
  @ApiOperation({
    summary:
      'Re-encrypt every webhook secret with the current key (the first of TBT_SECRETS_KEY), after a rotation; counts only',
  })
  reencryptSecrets() {
    return this.secrets.reencrypt();
  }

  @Post('tick')
  @HttpCode(200)
  @RequireScope('tbt:admin')
  @ApiOperation({
    summary: 'Run reminders and digests now, optionally as of another instant (the injectable clock)',
  })
  @ApiQuery({ name: 'now', required: false, description: 'ISO instant' })
  tick(@Query('now') now?: string) {
    const at = now === undefined ? new Date() : new Date(now);
    if (Number.isNaN(at.getTime()))
      throw new ValidationProblem('invalid now', [{ field: 'query.now', reason: 'an ISO 8601 instant' }]);
    return this.scheduler.tick(at);
  }
}
