import { type DynamicModule, Module } from '@nestjs/common';
import { type BaseConfig, ServiceKitModule, viewProvider } from '@highland/service-kit';
import { IncentivesCommands } from './commands/incentives-commands.js';
import { ApplicationsWorkflow } from './commands/workflow.js';
import { ApplicationsController } from './http/applications.controller.js';
import { ParticipantsController } from './http/participants.controller.js';
import { PaymentsController } from './http/payments.controller.js';
import { ProgrammesController } from './http/programmes.controller.js';
import { FactChanges } from './reactions/fact-changes.js';
import { IncentivesView } from './view/incentives-view.js';

@Module({})
export class IncentivesModule {
  static forRoot(config: BaseConfig): DynamicModule {
    return {
      module: IncentivesModule,
      imports: [ServiceKitModule.forRoot({ service: 'incentives', config })],
      controllers: [ProgrammesController, ParticipantsController, ApplicationsController, PaymentsController],
      providers: [
        ...viewProvider({
          provide: IncentivesView,
          name: 'incentives-view',
          create: ({ nats, topology }) => new IncentivesView(nats, topology),
        }),
        IncentivesCommands,
        ApplicationsWorkflow,
        FactChanges,
      ],
    };
  }
}
