import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { IndicatorAttainment } from '../domain/attainment.js';
import { ProgressLeader } from '../progress/leader.js';
import { ReportingView } from '../view/reporting-view.js';
import { ReportingStore } from './reporting-store.js';

const STORE_WRITE_MS = 2_000;

/**
 * Keeps the store's copy of the view current, on the progress leader only: a first generation
 * when the store has none, then the changed indicators, written behind.
 */
@Injectable()
export class AttainmentWriter implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('Reporting');
  private unsubscribe?: () => void;
  private readonly unwritten = new Map<string, IndicatorAttainment>();
  private writer?: NodeJS.Timeout;
  private writing = false;

  constructor(
    @Inject(ReportingView) private readonly view: ReportingView,
    @Inject(ReportingStore) private readonly store: ReportingStore,
    @Inject(ProgressLeader) private readonly leadership: ProgressLeader,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.leadership.leader && (await this.store.currentGeneration()) === 0) {
      await this.store.writeGeneration(this.view.state, this.view.snapshot());
    }
    this.unsubscribe = this.view.onChange((changes) => {
      if (!this.leadership.leader) return;
      for (const c of changes) this.unwritten.set(`${c.planId}/${c.indicatorId}`, c.attainment);
    });
    this.writer = setInterval(() => void this.writeBehind(), STORE_WRITE_MS);
    this.writer.unref();
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
  }
}
