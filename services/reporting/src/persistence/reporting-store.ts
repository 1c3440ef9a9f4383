import { Inject, Injectable } from '@nestjs/common';
import { bulkWriteChunked } from '@highland/persistence';
import { MONGO } from '@highland/service-kit';
import type { Connection } from 'mongoose';
import type { IndicatorAttainment } from '../domain/attainment.js';
import type { ReportingState } from '../view/reporting-state.js';

interface Meta {
  _id: string;
  generation: number;
  position: string;
  switchedAt: Date;
}

/**
 * The store's copy of reporting's views, by generation: a replay writes facts and attainment into
 * fresh collections (`facts_g<n>`, `attainment_g<n>`), then switches `meta.current` to them in one
 * single-document write and drops the old ones. Readers of the store always see a whole generation.
 */
@Injectable()
export class ReportingStore {
  constructor(@Inject(MONGO) private readonly mongo: Connection) {}

  private get db() {
    return this.mongo.db!;
  }

  async currentGeneration(): Promise<number> {
    const meta = await this.db.collection<Meta>('meta').findOne({ _id: 'current' });
    return meta?.generation ?? 0;
  }

  async writeGeneration(state: ReportingState, attainment: IndicatorAttainment[]): Promise<number> {
    const previous = await this.currentGeneration();
    const generation = previous + 1;
    const facts = this.db.collection(`facts_g${generation}`);
    const snapshot = state.facts.snapshot();
    for (let i = 0; i < snapshot.length; i += 1000) {
      await facts.insertMany(snapshot.slice(i, i + 1000).map((f) => ({ ...f, _id: f.id }) as never));
    }
    const docs = attainment.map((a) => ({ _id: `${a.planId}/${a.indicatorId}`, ...a }) as never);
    if (docs.length) await this.db.collection(`attainment_g${generation}`).insertMany(docs);
    await this.db.collection<Meta>('meta').replaceOne(
      { _id: 'current' },
      {
        generation,
        position: state.positionName,
        switchedAt: new Date(),
      },
      { upsert: true },
    );
    if (previous > 0) {
      await this.db.dropCollection(`facts_g${previous}`).catch(() => false);
      await this.db.dropCollection(`attainment_g${previous}`).catch(() => false);
    }
    return generation;
  }

  /** Write-behind of changed indicators into the current generation (by the progress leader only). */
  async writeAttainment(changed: IndicatorAttainment[]): Promise<void> {
    const generation = await this.currentGeneration();
    if (generation === 0 || changed.length === 0) return;
    await bulkWriteChunked(
      this.db.collection(`attainment_g${generation}`),
      changed.map((a) => ({
        replaceOne: { filter: { _id: `${a.planId}/${a.indicatorId}` }, replacement: { ...a }, upsert: true },
      })) as never,
    );
  }
}
