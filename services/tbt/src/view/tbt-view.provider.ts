import type { Provider } from '@nestjs/common';
import type { NatsHandle, Topology } from '@highland/messaging';
import { HEALTH_CHECKS, type HealthCheck, NATS, TOPOLOGY } from '@highland/service-kit';
import { TbtView } from './tbt-view.js';

export const tbtViewProvider: Provider = {
  provide: TbtView,
  inject: [NATS, TOPOLOGY, HEALTH_CHECKS],
  useFactory: async (nats: NatsHandle, topology: Topology, checks: HealthCheck[]) => {
    const view = new TbtView(nats, topology);
    // Replays the TBT stream (profiles into the match index) before the service takes requests.
    await view.start();
    checks.push({ name: 'tbt-view', check: async () => void view.aggregates.size });
    return view;
  },
};
