import type { OnApplicationShutdown, OnModuleInit, Provider } from '@nestjs/common';
import type { NatsHandle, Topology } from '@highland/messaging';
import { HEALTH_CHECKS, type HealthCheck, NATS, TOPOLOGY } from '@highland/service-kit';
import { RegistryView } from './registry-view.js';

class ManagedRegistryView extends RegistryView implements OnModuleInit, OnApplicationShutdown {
  /** Replays the registry's stream before the service takes requests. */
  async onModuleInit(): Promise<void> {
    await this.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.stop();
  }
}

export const registryViewProvider: Provider = {
  provide: RegistryView,
  inject: [NATS, TOPOLOGY, HEALTH_CHECKS],
  useFactory: (nats: NatsHandle, topology: Topology, checks: HealthCheck[]) => {
    const view = new ManagedRegistryView(nats, topology);
    checks.push({
      name: 'registry-view',
      check: async () => {
        if (view.aggregates.lastApplied === 0 && view.aggregates.size > 0)
          throw new Error('view not started');
      },
    });
    return view;
  },
};
