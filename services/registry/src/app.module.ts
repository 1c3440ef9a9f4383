import { type DynamicModule, Module } from '@nestjs/common';
import { type BaseConfig, ServiceKitModule } from '@highland/service-kit';
import { RegistryCommands } from './commands/registry-commands.js';
import { CommandsController } from './http/commands.controller.js';
import { ImportController } from './http/import.controller.js';
import { QueriesController } from './http/queries.controller.js';
import { RegistryRpcController } from './http/rpc.controller.js';
import { SnapshotWriter } from './persistence/snapshot-writer.js';
import { registryViewProvider } from './view/registry-view.provider.js';

@Module({})
export class RegistryModule {
  static forRoot(config: BaseConfig): DynamicModule {
    return {
      module: RegistryModule,
      imports: [ServiceKitModule.forRoot({ service: 'registry', config })],
      controllers: [CommandsController, QueriesController, ImportController, RegistryRpcController],
      providers: [registryViewProvider, RegistryCommands, SnapshotWriter],
    };
  }
}
