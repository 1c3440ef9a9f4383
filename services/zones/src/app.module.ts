import { type DynamicModule, Module } from '@nestjs/common';
import type { NatsHandle, Topology } from '@highland/messaging';
import { NATS, ServiceKitModule, TOPOLOGY, viewProvider } from '@highland/service-kit';
import { EvidenceStore } from './adapters/evidence-store.js';
import { DeadlineReminders, systemClock, ZONES_CLOCK } from './reminders/deadline-reminders.js';
import { ZonesCommands } from './commands/zones-commands.js';
import type { ZonesConfig } from './config.js';
import { CommandsController } from './http/commands.controller.js';
import { EvidenceController } from './http/evidence.controller.js';
import { QueriesController } from './http/queries.controller.js';
import { RegistryFacts } from './view/registry-facts.js';
import { ZonesView } from './view/zones-view.js';

@Module({})
export class ZonesModule {
  static forRoot(config: ZonesConfig): DynamicModule {
    return {
      module: ZonesModule,
      imports: [ServiceKitModule.forRoot({ service: 'zones', config })],
      controllers: [CommandsController, QueriesController, EvidenceController],
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
        {
          provide: EvidenceStore,
          inject: [NATS, TOPOLOGY],
          useFactory: async (nats: NatsHandle, topology: Topology) => {
            const store = new EvidenceStore(nats, topology);
            await store.open();
            return store;
          },
        },
        { provide: ZONES_CLOCK, useFactory: systemClock },
        DeadlineReminders,
      ],
    };
  }
}
