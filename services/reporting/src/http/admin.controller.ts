import { Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequireScope } from '@highland/service-kit';
import { Replay } from '../persistence/replay.js';

@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin')
export class AdminController {
  constructor(@Inject(Replay) private readonly replay: Replay) {}

  @Post('replay')
  @HttpCode(200)
  @RequireScope('reporting:admin')
  @ApiOperation({
    summary: 'Rebuild every view from the start of the streams into fresh collections, then switch over',
  })
  replayAll() {
    return this.replay.run();
  }
}
