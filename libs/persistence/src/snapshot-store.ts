import type { AnyBulkWriteOperation, Collection, Document } from 'mongodb';
import type { AggregateEntry, AggregateView } from './aggregate-view.js';
import { bulkWriteChunked } from './bulk.js';
import { isDuplicateKeyError } from './errors.js';

export interface SnapshotDoc<S> extends Document {
  _id: string;
  state: S;
  version: number;
  streamSeq: number;
  updatedAt: Date;
}

/**
 * The store's durable, queryable copy of a service's aggregates: the latest state of each, written
 * in batches by one active writer (a single-active consumer). Writing the latest state is idempotent,
 * so redelivered batches change nothing. New documents go in with insertMany (fast on FerretDB),
 * known ones are replaced in chunks of at most 50 statements.
 */
export class SnapshotStore<S> {
  private readonly known = new Set<string>();

  constructor(private readonly collection: Collection<SnapshotDoc<S>>) {}

  async loadKnownIds(): Promise<void> {
    for await (const doc of this.collection.find({}, { projection: { _id: 1 } })) this.known.add(doc._id);
  }

  async write(entries: ReadonlyArray<[string, AggregateEntry<S>]>): Promise<void> {
    const now = new Date();
    const docs = entries.map(([id, e]) => ({
      _id: id,
      state: e.state,
      version: e.version,
      streamSeq: e.streamSeq,
      updatedAt: now,
    }));
    const fresh = docs.filter((d) => !this.known.has(d._id));
    const existing = docs.filter((d) => this.known.has(d._id));
    if (fresh.length) {
      try {
        await this.collection.insertMany(fresh, { ordered: false });
      } catch (err) {
        // Written by an earlier run we did not know of: replace those instead.
        if (!isDuplicateKeyError(err)) throw err;
        existing.push(...fresh);
      }
      for (const d of fresh) this.known.add(d._id);
    }
    if (existing.length) {
      const ops: AnyBulkWriteOperation<SnapshotDoc<S>>[] = existing.map((d) => ({
        replaceOne: { filter: { _id: d._id }, replacement: d, upsert: true },
      }));
      await bulkWriteChunked(this.collection, ops);
    }
  }

  /** For a batch of events: the latest state of each aggregate they touched, once the view has them. */
  async writeFromView(
    view: AggregateView<S>,
    aggregateIds: Iterable<string>,
    upToSeq: number,
  ): Promise<void> {
    await view.waitFor(upToSeq);
    const entries: Array<[string, AggregateEntry<S>]> = [];
    for (const id of new Set(aggregateIds)) {
      const e = view.get(id);
      if (e) entries.push([id, e]);
    }
    await this.write(entries);
  }

  count(): Promise<number> {
    return this.collection.countDocuments();
  }
}
