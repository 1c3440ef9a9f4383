import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  type Provider,
} from '@nestjs/common';
import { ConsumersHost, type NatsHandle, type Topology } from '@highland/messaging';
import { HEALTH_CHECKS, type HealthCheck, NATS, TOPOLOGY } from '@highland/service-kit';
import { Leadership } from '@highland/messaging';
import { ProgressPublisher } from '../progress/progress-publisher.js';
import { ReportingStore } from '../persistence/reporting-store.js';
import { ReportingView } from './reporting-view.js';

export const reportingViewProvider: Provider = {
  provide: ReportingView,
  inject: [NATS, TOPOLOGY, HEALTH_CHECKS],
  useFactory: async (nats: NatsHandle, topology: Topology, checks: HealthCheck[]) => {
    const view = new ReportingView(nats, topology);
    // Replays the streams before the service takes requests.
    await view.start();
    checks.push({ name: 'reporting-view', check: async () => void view.position });
    return view;
  },
};

/** Leadership, progress publication and the store's copy: what runs once per platform, not per replica. */
@Injectable()
export class ReportingRuntime implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('Reporting');
  private leadership!: Leadership;
  private publisher!: ProgressPublisher;
  private unsubscribe?: () => void;

  constructor(
    @Inject(NATS) private readonly nats: NatsHandle,
    @Inject(TOPOLOGY) private readonly topology: Topology,
    @Inject(ReportingView) private readonly view: ReportingView,
    @Inject(ReportingStore) private readonly store: ReportingStore,
    @Inject(ConsumersHost) private readonly consumers: ConsumersHost,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.leadership = new Leadership(this.nats, this.topology, 'reporting-progress');
    await this.leadership.start();
    this.publisher = new ProgressPublisher(this.nats, this.topology, this.view, this.leadership);
    await this.publisher.start();
    if (this.leadership.leader && (await this.store.currentGeneration()) === 0) {
      await this.store.writeGeneration(this.view.state, this.view.snapshot());
    }
    this.unsubscribe = this.view.onChange((changes) => {
      if (this.leadership.leader) {
        void this.store
          .writeAttainment(changes.map((c) => c.attainment))
          .catch((err: Error) => this.log.warn(err.message));
      }
    });
    // `./highland replay reporting`: rebuild into fresh collections and switch over.
    this.consumers.registerReplayTarget('reporting', async () => {
      const state = await this.view.rebuild();
      return {
        position: this.view.position,
        facts: state.facts.size,
        generation: await this.store.writeGeneration(state, this.view.snapshot()),
      };
    });
  }

  async onApplicationShutdown(): Promise<void> {
    this.unsubscribe?.();
    this.publisher?.stop();
    await this.leadership?.stop();
    await this.view.stop();
  }
}
