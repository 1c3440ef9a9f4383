import { Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequireScope } from '@highland/service-kit';
import { ReportingStore } from '../persistence/reporting-store.js';
import { ReportingView } from '../view/reporting-view.js';

@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin')
export class AdminController {
  constructor(
    @Inject(ReportingView) private readonly view: ReportingView,
    @Inject(ReportingStore) private readonly store: ReportingStore,
  ) {}

  @Post('replay')
  @HttpCode(200)
  @RequireScope('reporting:admin')
  @ApiOperation({
    summary: 'Rebuild every view from the start of the streams into fresh collections, then switch over',
  })
  async replay() {
    const started = Date.now();
    const state = await this.view.rebuild();
    const generation = await this.store.writeGeneration(state, this.view.snapshot());
    return { position: this.view.position, facts: state.facts.size, generation, ms: Date.now() - started };
  }
}
