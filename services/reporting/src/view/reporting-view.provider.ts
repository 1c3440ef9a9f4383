import type { OnApplicationShutdown, Provider } from '@nestjs/common';
import type { NatsHandle, Topology } from '@highland/messaging';
import { HEALTH_CHECKS, type HealthCheck, NATS, TOPOLOGY } from '@highland/service-kit';
import type { FollowedService } from './position.js';
import { ReportingView } from './reporting-view.js';

/** Stops the view's followers on shutdown, after everything that reads it. */
class ReportingViewShutdown implements OnApplicationShutdown {
  constructor(private readonly view: ReportingView) {}
  async onApplicationShutdown(): Promise<void> {
    await this.view.stop();
  }
}

/** The view, replayed before the service takes requests, and stopped on shutdown. */
export function reportingViewProviders(followed?: readonly FollowedService[]): Provider[] {
  return [
    {
      provide: ReportingView,
      inject: [NATS, TOPOLOGY, HEALTH_CHECKS],
      useFactory: async (nats: NatsHandle, topology: Topology, checks: HealthCheck[]) => {
        const view = new ReportingView(nats, topology, undefined, followed);
        await view.start();
        checks.push({ name: 'reporting-view', check: async () => void view.position });
        return view;
      },
    },
    {
      provide: ReportingViewShutdown,
      inject: [ReportingView],
      useFactory: (view: ReportingView) => new ReportingViewShutdown(view),
    },
  ];
}
