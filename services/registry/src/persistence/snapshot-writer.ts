import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { catalog, type EventEnvelope } from '@highland/contracts';
import { type HandlerContext, OnEvent } from '@highland/messaging';
import { SnapshotStore } from '@highland/persistence';
import { MONGO } from '@highland/service-kit';
import type { Connection } from 'mongoose';
import type { RegistryState } from '../domain/aggregates/state.js';
import { RegistryView } from '../view/registry-view.js';

const registryContracts = catalog.filter((c) => c.service === 'registry');

/**
 * The store's copy of the registry: the latest state of every item, written in batches by one
 * replica at a time (single-active consumer), for tools that query the database directly. New
 * items appear at once; changes within a minute (SnapshotStore rewrites the copy).
 */
@Injectable()
export class SnapshotWriter implements OnModuleInit, OnModuleDestroy {
  private store!: SnapshotStore<RegistryState>;

  constructor(
    @Inject(MONGO) private readonly mongo: Connection,
    @Inject(RegistryView) private readonly view: RegistryView,
  ) {}

  async onModuleInit(): Promise<void> {
    this.store = new SnapshotStore<RegistryState>(this.mongo.db!, 'items');
    await this.store.loadKnownIds();
  }

  async onModuleDestroy(): Promise<void> {
    await this.store.stop();
  }

  @OnEvent(registryContracts, {
    durable: 'registry-snapshots',
    batch: true,
    batchSize: 500,
    // Live commands arrive one at a time: one insert per quarter second rather than per command.
    lingerMs: 250,
    singleActive: true,
  })
  async write(batch: ReadonlyArray<{ event: EventEnvelope; ctx: HandlerContext }>): Promise<void> {
    const upTo = Math.max(...batch.map((b) => b.ctx.streamSeq));
    await this.store.writeFromView(
      this.view.aggregates,
      batch.map((b) => b.event.aggregate.id),
      upTo,
    );
  }
}
