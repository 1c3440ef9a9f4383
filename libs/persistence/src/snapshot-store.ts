import type { Collection, Db, Document } from 'mongodb';
import type { AggregateEntry, AggregateView } from './aggregate-view.js';
import { isDuplicateKeyError } from './errors.js';

const INSERT_BATCH = 500;
const STALE = 'stale';
const DEFAULT_REWRITE_AFTER_MS = 60_000;

export interface SnapshotDoc<S> extends Document {
  _id: string;
  state: S;
  version: number;
  streamSeq: number;
  updatedAt: Date;
}

export interface SnapshotStoreOptions {
  /** How long after the first change the copy is rewritten (0: at once, within the write). */
  rewriteAfterMs?: number;
}

/**
 * The store's durable, queryable copy of a service's aggregates: the latest state of each, written
 * by one active writer (a single-active consumer). New documents go in at once with insertMany.
 * Changed ones are never updated or deleted in place: FerretDB 1.24 answers every update or delete
 * with a scan of the collection (measured at 100,000 documents: 28 s of server CPU for one
 * `deleteMany` of 500 ids, 2.5 s for one `deleteOne` by `_id`), which took a core away from the
 * service for as long as commands came. Instead, `rewriteAfterMs` after the first change, the whole
 * copy is written again as a new collection (insertMany only, ~6 s of server CPU for 100,000) and
 * swapped in: a change reaches the copy within that delay plus the rewrite.
 *
 * Crash safety: the writer acks a change before the rewrite that copies it, so before that ack a
 * marker says the copy is stale (one document in `<name>_meta`, removed by the rewrite). A writer
 * that starts — after a crash, or taking over from another replica — and finds the marker rewrites
 * after its first write: whatever was acked and not copied is in the view it copies from.
 */
export class SnapshotStore<S> {
  /** Version of each document in the copy. */
  private readonly known = new Map<string, number>();
  private readonly collection: Collection<SnapshotDoc<S>>;
  private readonly meta: Collection<{ _id: string; since: Date }>;
  private readonly rewriteAfterMs: number;
  /** Changes acked and not in the copy yet; the marker in `meta` says so durably. */
  private stale = false;
  private marked = false;
  private timer?: NodeJS.Timeout;
  /** Writes and rewrites run one at a time. */
  private queue: Promise<unknown> = Promise.resolve();
  /** Copies written since this store was made (diagnostics, tests). */
  rewrites = 0;

  constructor(
    private readonly db: Db,
    private readonly name: string,
    options: SnapshotStoreOptions = {},
  ) {
    this.collection = db.collection<SnapshotDoc<S>>(name);
    this.meta = db.collection(`${name}_meta`);
    this.rewriteAfterMs = options.rewriteAfterMs ?? DEFAULT_REWRITE_AFTER_MS;
  }

  async loadKnownIds(): Promise<void> {
    for await (const doc of this.collection.find({}, { projection: { _id: 1, version: 1 } }))
      this.known.set(doc._id, doc.version);
    this.marked = this.stale = (await this.meta.findOne({ _id: STALE })) !== null;
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
    await this.serially(() => this.insertFresh(entries));
    if (!this.stale) return;
    if (!this.marked) {
      await this.meta.insertOne({ _id: STALE, since: new Date() }).catch((err: unknown) => {
        if (!isDuplicateKeyError(err)) throw err;
      });
      this.marked = true;
    }
    if (this.rewriteAfterMs === 0) await this.serially(() => this.rewrite(view));
    else this.timer ??= setTimeout(() => this.rewriteLater(view), this.rewriteAfterMs).unref();
  }

  /** Inserts the documents not in the copy yet; notes whether known ones changed. */
  private async insertFresh(entries: ReadonlyArray<[string, AggregateEntry<S>]>): Promise<void> {
    const fresh: Array<[string, AggregateEntry<S>]> = [];
    for (const entry of entries) {
      const copied = this.known.get(entry[0]);
      if (copied === undefined) fresh.push(entry);
      else if (copied < entry[1].version) this.stale = true;
    }
    if (!fresh.length) return;
    try {
      await this.collection.insertMany(toDocs(fresh), { ordered: false });
    } catch (err) {
      // Written by an earlier run we did not know of: the next rewrite brings them up to date.
      if (!isDuplicateKeyError(err)) throw err;
      this.stale = true;
    }
    for (const [id, e] of fresh) this.known.set(id, e.version);
  }

  private rewriteLater(view: AggregateView<S>): void {
    this.timer = undefined;
    this.serially(() => this.rewrite(view)).catch(() => {
      // The store was unreachable: try again after the same delay.
      this.timer ??= setTimeout(() => this.rewriteLater(view), this.rewriteAfterMs).unref();
    });
  }

  /**
   * Writes every aggregate of the view into a new collection and swaps it in. FerretDB 1.24 has no
   * `renameCollection` with `dropTarget`, so the old copy is dropped first: a reader may find the
   * collection missing for that moment.
   */
  private async rewrite(view: AggregateView<S>): Promise<void> {
    if (!this.stale) return;
    // Stale until the copy is swapped in: a failure leaves the marker for the next attempt or writer.
    await this.copyAll(view);
    this.stale = false;
    await this.meta.deleteOne({ _id: STALE });
    this.marked = false;
    this.rewrites++;
  }

  private async copyAll(view: AggregateView<S>): Promise<void> {
    const nextName = `${this.name}_next`;
    await dropIfExists(this.db, nextName);
    const next = this.db.collection<SnapshotDoc<S>>(nextName);
    const copied: Array<[string, number]> = [];
    let batch: Array<[string, AggregateEntry<S>]> = [];
    for (const entry of view.values()) {
      copied.push([entry[0], entry[1].version]);
      batch.push(entry);
      if (batch.length === INSERT_BATCH) {
        await next.insertMany(toDocs(batch), { ordered: false });
        batch = [];
      }
    }
    if (batch.length) await next.insertMany(toDocs(batch), { ordered: false });
    await dropIfExists(this.db, this.name);
    await next.rename(this.name);
    for (const [id, version] of copied) this.known.set(id, version);
  }

  private serially<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Waits for a write or rewrite in progress; a scheduled rewrite is dropped (the next writer does it). */
  async stop(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.queue;
  }

  count(): Promise<number> {
    return this.collection.countDocuments();
  }
}
function toDocs<S>(entries: ReadonlyArray<[string, AggregateEntry<S>]>): Array<SnapshotDoc<S>> {
  const now = new Date();
  return entries.map(([id, e]) => ({
    _id: id,
    state: e.state,
    version: e.version,
    streamSeq: e.streamSeq,
    updatedAt: now,
  }));
}

async function dropIfExists(db: Db, name: string): Promise<void> {
  if ((await db.listCollections({ name }, { nameOnly: true }).toArray()).length)
    await db.dropCollection(name);
}
