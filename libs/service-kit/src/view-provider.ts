import type { InjectionToken, OnApplicationShutdown, Provider } from '@nestjs/common';
import type { NatsHandle, Topology } from '@highland/messaging';
import type { BaseConfig } from './config.js';
import type { HealthCheck } from './health.controller.js';
import { CONFIG, HEALTH_CHECKS, NATS, TOPOLOGY } from './tokens.js';

/** An in-memory view each replica rebuilds from the streams (see docs/new-service.md). */
export interface ReplayedView {
  /** Replays the streams; resolves once caught up. */
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Throws why reads are not to be trusted now: replaying, its follower failed, NATS lost. */
  assertHealthy(): void;
}

export interface ViewProviderOptions<V extends ReplayedView> {
  provide: InjectionToken;
  /** Its name in /health/ready. */
  name: string;
  create(deps: { nats: NatsHandle; topology: Topology; config: BaseConfig }): V;
}

/** Stops the views on shutdown, after the consumers and before NATS closes. */
class ViewsShutdown implements OnApplicationShutdown {
  constructor(private readonly view: ReplayedView) {}
  async onApplicationShutdown(): Promise<void> {
    await this.view.stop();
  }
}

/**
 * The view as a Nest provider: built and replayed before the service listens (so no request reads
 * a half-built view), its readiness check failing whenever it is not live, stopped on shutdown.
 * Returns two providers: spread them into the module's `providers`.
 */
export function viewProvider<V extends ReplayedView>(opts: ViewProviderOptions<V>): Provider[] {
  const shutdownToken = Symbol(`${opts.name}.shutdown`);
  return [
    {
      provide: opts.provide,
      inject: [NATS, TOPOLOGY, CONFIG, HEALTH_CHECKS],
      useFactory: async (nats: NatsHandle, topology: Topology, config: BaseConfig, checks: HealthCheck[]) => {
        const view = opts.create({ nats, topology, config });
        await view.start();
        checks.push({ name: opts.name, check: async () => view.assertHealthy() });
        return view;
      },
    },
    {
      provide: shutdownToken,
      inject: [opts.provide],
      useFactory: (view: V) => new ViewsShutdown(view),
    },
  ];
}
