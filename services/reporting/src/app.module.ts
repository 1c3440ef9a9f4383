import { type DynamicModule, Module } from '@nestjs/common';
import { type BaseConfig, ServiceKitModule, viewProvider } from '@highland/service-kit';
import { ReportingCommands } from './commands/reporting-commands.js';
import { AdminController } from './http/admin.controller.js';
import { ExportsController } from './http/exports.controller.js';
import { PlansController } from './http/plans.controller.js';
import { ProgressController } from './http/progress.controller.js';
import { ReportingStore } from './persistence/reporting-store.js';
import { AttainmentWriter } from './persistence/attainment-writer.js';
import { Replay } from './persistence/replay.js';
import { ProgressLeader } from './progress/leader.js';
import { ProgressPublisher } from './progress/progress-publisher.js';
import type { FollowedService } from './view/position.js';
import { ReportingView } from './view/reporting-view.js';

export interface ReportingOptions {
  /** The services whose streams reporting follows; the contracts' producers unless a test adds one. */
  follow?: readonly FollowedService[];
}

@Module({})
export class ReportingModule {
  static forRoot(config: BaseConfig, options: ReportingOptions = {}): DynamicModule {
    return {
      module: ReportingModule,
      imports: [ServiceKitModule.forRoot({ service: 'reporting', config })],
      controllers: [PlansController, ProgressController, ExportsController, AdminController],
      providers: [
        ...viewProvider({
          provide: ReportingView,
          name: 'reporting-view',
          create: ({ nats, topology }) => new ReportingView(nats, topology, undefined, options.follow),
        }),
        ReportingStore,
        ReportingCommands,
        ProgressLeader,
        ProgressPublisher,
        AttainmentWriter,
        Replay,
      ],
    };
  }
}
