import { type DynamicModule, Module } from '@nestjs/common';
import { type BaseConfig, ServiceKitModule, viewProvider } from '@highland/service-kit';
import { RegistryCommands } from './commands/registry-commands.js';
import { CommandsController } from './http/commands.controller.js';
import { ImportController } from './http/import.controller.js';
import { QueriesController } from './http/queries.controller.js';
import { SnapshotWriter } from './persistence/snapshot-writer.js';
import { RegistryRequests } from './requests/registry-requests.js';
import { RegistryView } from './view/registry-view.js';

@Module({})
export class RegistryModule {
  static forRoot(config: BaseConfig): DynamicModule {
    return {
      module: RegistryModule,
      imports: [ServiceKitModule.forRoot({ service: 'registry', config })],
      controllers: [CommandsController, QueriesController, ImportController],
      providers: [
        ...viewProvider({
          provide: RegistryView,
          name: 'registry-view',
          create: ({ nats, topology }) => new RegistryView(nats, topology),
        }),
        RegistryCommands,
        RegistryRequests,
        SnapshotWriter,
      ],
    };
  }
}
