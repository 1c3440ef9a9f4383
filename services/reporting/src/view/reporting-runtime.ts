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
import type { IndicatorAttainment } from '../domain/attainment.js';
import type { FollowedService } from './position.js';
import { ReportingView } from './reporting-view.js';

/** Nest token: the services whose streams the view follows (the contracts' producers by default). */
export const FOLLOWED_SERVICES = Symbol('FOLLOWED_SERVICES');

const STORE_WRITE_MS = 2_000;

export const reportingViewProvider: Provider = {
  provide: ReportingView,
  inject: [NATS, TOPOLOGY, HEALTH_CHECKS, FOLLOWED_SERVICES],
  useFactory: async (
    nats: NatsHandle,
    topology: Topology,
    checks: HealthCheck[],
    followed: readonly FollowedService[],
  ) => {
    const view = new ReportingView(nats, topology, undefined, followed);
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
  private readonly unwritten = new Map<string, IndicatorAttainment>();
  private writer?: NodeJS.Timeout;
  private writing = false;

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
      if (!this.leadership.leader) return;
      for (const c of changes) this.unwritten.set(`${c.planId}/${c.indicatorId}`, c.attainment);
    });
    this.writer = setInterval(() => void this.writeBehind(), STORE_WRITE_MS);
    this.writer.unref();
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

  /**
   * The store's copy of each changed indicator, at most once per STORE_WRITE_MS: an attainment
   * carries every counted item, so writing it at the view's pace (every 25 ms) would cost O(items)
   * each time and FerretDB a scan per replace. Readers of the store see it seconds later.
   */
  private async writeBehind(): Promise<void> {
    if (this.writing || this.unwritten.size === 0) return;
    const batch = [...this.unwritten.values()];
    this.unwritten.clear();
    this.writing = true;
    try {
      await this.store.writeAttainment(batch);
    } catch (err) {
      this.log.warn((err as Error).message);
      // Retry with the next round, unless a newer attainment of the indicator is already waiting.
      for (const a of batch) {
        const key = `${a.planId}/${a.indicatorId}`;
        if (!this.unwritten.has(key)) this.unwritten.set(key, a);
      }
    } finally {
      this.writing = false;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.writer);
    this.unsubscribe?.();
    await this.writeBehind();
    this.publisher?.stop();
    await this.leadership?.stop();
    await this.view.stop();
  }
}
