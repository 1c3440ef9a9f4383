import { type DynamicModule, Module } from '@nestjs/common';
import { ServiceKitModule, viewProvider } from '@highland/service-kit';
import { DeadlineReminders, systemClock, ZONES_CLOCK } from './reminders/deadline-reminders.js';
import { ZonesCommands } from './commands/zones-commands.js';
import type { ZonesConfig } from './config.js';
import { CommandsController } from './http/commands.controller.js';
import { QueriesController } from './http/queries.controller.js';
import { RegistryFacts } from './view/registry-facts.js';
import { ZonesView } from './view/zones-view.js';

@Module({})
export class ZonesModule {
  static forRoot(config: ZonesConfig): DynamicModule {
    return {
      module: ZonesModule,
      imports: [ServiceKitModule.forRoot({ service: 'zones', config })],
      controllers: [CommandsController, QueriesController],
      providers: [
        ...viewProvider({
          provide: ZonesView,
          name: 'zones-view',
          create: ({ nats, topology }) => new ZonesView(nats, topology),
        }),
        ...viewProvider({
          provide: RegistryFacts,
          name: 'registry-facts',
          create: ({ nats, topology }) => new RegistryFacts(nats, topology),
        }),
        ZonesCommands,
        { provide: ZONES_CLOCK, useFactory: systemClock },
        DeadlineReminders,
      ],
    };
  }
}
