import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { ConsumersHost } from '@highland/messaging';
import { ReportingView } from '../view/reporting-view.js';
import { ReportingStore } from './reporting-store.js';

/**
 * A replay (`./highland replay reporting`, `POST /admin/replay`): the view rebuilt from the start
 * of the streams and switched over, then written into a fresh generation of the store.
 */
@Injectable()
export class Replay implements OnApplicationBootstrap {
  constructor(
    @Inject(ReportingView) private readonly view: ReportingView,
    @Inject(ReportingStore) private readonly store: ReportingStore,
    @Inject(ConsumersHost) private readonly consumers: ConsumersHost,
  ) {}

  onApplicationBootstrap(): void {
    this.consumers.registerReplayTarget('reporting', () => this.run());
  }

  async run(): Promise<{ position: string; facts: number; generation: number; ms: number }> {
    const started = Date.now();
    const state = await this.view.rebuild();
    const generation = await this.store.writeGeneration(state, this.view.snapshot());
    return { position: this.view.position, facts: state.facts.size, generation, ms: Date.now() - started };
  }
}
