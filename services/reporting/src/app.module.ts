import { type DynamicModule, Module } from '@nestjs/common';
import { type BaseConfig, ServiceKitModule } from '@highland/service-kit';
import { ReportingCommands } from './commands/reporting-commands.js';
import { AdminController } from './http/admin.controller.js';
import { ExportsController } from './http/exports.controller.js';
import { PlansController } from './http/plans.controller.js';
import { ProgressController } from './http/progress.controller.js';
import { ReportingStore } from './persistence/reporting-store.js';
import { ReportingRuntime, reportingViewProvider } from './view/reporting-runtime.js';

@Module({})
export class ReportingModule {
  static forRoot(config: BaseConfig): DynamicModule {
    return {
      module: ReportingModule,
      imports: [ServiceKitModule.forRoot({ service: 'reporting', config })],
      controllers: [PlansController, ProgressController, ExportsController, AdminController],
      providers: [reportingViewProvider, ReportingStore, ReportingCommands, ReportingRuntime],
    };
  }
}
