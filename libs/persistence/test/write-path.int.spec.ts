// The write path: an event is the state change, made durable by one guarded publish. Concurrent
// commands on one aggregate cannot both win — on FerretDB too, since the store plays no part in it.
import { EnterpriseCertifiedV1, type EventEnvelope } from '@highland/contracts';
import { EventPublisher } from '@highland/messaging';
import { messagingFixture, type MessagingFixture, testNames } from '@highland/testing';
import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { AggregateView, CommandExecutor, type SnapshotDoc, SnapshotStore } from '../src/index.js';

interface Cert {
  enterprise: string;
  level: string;
  history: string[];
}
const reducer = (state: Cert | undefined, event: EventEnvelope): Cert => {
  const d = event.data as { enterprise: string; level: string };
  return { enterprise: d.enterprise, level: d.level, history: [...(state?.history ?? []), d.level] };
};
class AlreadyCertified extends Error {}

const names = testNames(import.meta.url);
const actor = { department: 'office', user: 'tester' };
let fx: MessagingFixture;
let view: AggregateView<Cert>;
let executor: CommandExecutor<Cert>;
let mongo: MongoClient;

beforeAll(async () => {
  fx = await messagingFixture(names, ['registry']);
  view = new AggregateView<Cert>(fx.nats, fx.topology, { service: 'registry', reducer });
  await view.start();
  const publisher = new EventPublisher(fx.nats.js, fx.topology, 'registry');
  executor = new CommandExecutor(fx.nats, fx.topology, 'registry', publisher, view);
  mongo = await new MongoClient(inject('mongoUrl')).connect();
});
afterAll(async () => {
  await view.stop();
  await mongo.db(names.db).dropDatabase();
  await mongo.close();
  await fx.dispose();
});

const certify = (id: string, level: 'AAA' | 'AA' | 'A', mustBeNew: boolean) =>
  executor.execute({
    aggregateId: id,
    actor,
    reason: 'certify',
    correlationId: `c-${id}`,
    decide: (current) => {
      if (mustBeNew && current) throw new AlreadyCertified(`${id} is already certified`);
      return {
        contract: EnterpriseCertifiedV1,
        data: { enterprise: id, level, authorityLevel: 'municipal', certifiedOn: '2014-06-01' },
      };
    },
  });

describe('command executor', () => {
  it('of 20 concurrent commands that each require a new aggregate, exactly one wins', async () => {
    const outcomes = await Promise.allSettled(
      Array.from({ length: 20 }, () => certify('cert-race', 'AAA', true)),
    );
    const won = outcomes.filter((o) => o.status === 'fulfilled');
    const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost.every((o) => o.reason instanceof AlreadyCertified)).toBe(true);
    expect(view.get('cert-race')?.version).toBe(1);
  });

  it('serialises concurrent changes of one aggregate: every one applied once, in some order', async () => {
    await certify('cert-seq', 'A', true);
    const levels = ['AA', 'AAA', 'A', 'AA', 'AAA', 'A', 'AA', 'AAA'] as const;
    await Promise.all(levels.map((l) => certify('cert-seq', l, false)));
    const entry = view.get('cert-seq')!;
    expect(entry.version).toBe(1 + levels.length);
    expect(entry.state.history).toHaveLength(1 + levels.length);
    expect([...entry.state.history.slice(1)].sort()).toEqual([...levels].sort());
  });

  it('is read-your-writes: the view has the event when execute returns', async () => {
    const result = await certify('cert-ryw', 'AA', true);
    if (!result.changed) throw new Error('expected a change');
    expect(view.get('cert-ryw')).toEqual(result.entry);
    expect(result.entry.streamSeq).toBe(result.streamSeq);
  });

  it('a second replica rebuilt from the stream holds the same state', async () => {
    const replica = new AggregateView<Cert>(fx.nats, fx.topology, { service: 'registry', reducer });
    await replica.start();
    try {
      for (const [id, entry] of view.values()) expect(replica.get(id)).toEqual(entry);
      expect(replica.size).toBe(view.size);
    } finally {
      await replica.stop();
    }
  });
});

describe('snapshot store', () => {
  it('writes the latest state of every aggregate idempotently: new ones at once, changes by a rewrite', async () => {
    const db = mongo.db(names.db);
    const col = db.collection<SnapshotDoc<Cert>>('snapshots');
    const store = new SnapshotStore<Cert>(db, 'snapshots', { rewriteAfterMs: 150 });
    for (let i = 0; i < 120; i++) await certify(`cert-bulk-${i}`, 'A', true);
    const ids = [...view.values()].map(([id]) => id);
    await store.writeFromView(view, ids, view.lastApplied);
    await store.writeFromView(view, ids, view.lastApplied); // again: never duplicates
    expect(await store.count()).toBe(view.size);
    const before = (await col.findOne({ _id: 'cert-bulk-7' }))!.version;

    await certify('cert-bulk-7', 'AA', false); // a change of a known document
    await store.writeFromView(view, ['cert-bulk-7'], view.lastApplied);
    expect((await col.findOne({ _id: 'cert-bulk-7' }))!.version).toBe(before); // not in place
    const meta = db.collection('snapshots_meta');
    expect(await meta.countDocuments()).toBe(1); // durable before the ack

    // The writer stops before its rewrite; the next one finds the marker and does it.
    await store.stop();
    const next = new SnapshotStore<Cert>(db, 'snapshots', { rewriteAfterMs: 150 });
    await next.loadKnownIds();
    await next.writeFromView(view, [], view.lastApplied);
    await vi.waitFor(() => expect(next.rewrites).toBe(1), { timeout: 10_000 });
    expect(await meta.countDocuments()).toBe(0);
    const doc = await col.findOne({ _id: 'cert-bulk-7' });
    expect(doc?.version).toBe(view.get('cert-bulk-7')!.version);
    expect(doc?.version).toBeGreaterThan(before);
    expect(doc?.state).toEqual(view.get('cert-bulk-7')!.state);
    expect(await store.count()).toBe(view.size);

    // Redelivered: nothing changed, no rewrite scheduled.
    await next.writeFromView(view, ['cert-bulk-7'], view.lastApplied);
    await new Promise((r) => setTimeout(r, 400));
    expect(next.rewrites).toBe(1);
    await next.stop();
    const names_ = (await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name);
    expect(names_).not.toContain('snapshots_next');
  });
});

describe('two replicas writing the same aggregate', () => {
  it('never lose an event: every command lands once, versions stay contiguous', async () => {
    const other = new AggregateView<Cert>(fx.nats, fx.topology, { service: 'registry', reducer });
    await other.start();
    const publisher = new EventPublisher(fx.nats.js, fx.topology, 'registry');
    const otherExecutor = new CommandExecutor(fx.nats, fx.topology, 'registry', publisher, other);
    try {
      await certify('cert-two', 'A', true);
      const cmd = (ex: CommandExecutor<Cert>) =>
        ex.execute({
          aggregateId: 'cert-two',
          actor,
          reason: 'r',
          correlationId: 'c',
          decide: () => ({
            contract: EnterpriseCertifiedV1,
            data: {
              enterprise: 'cert-two',
              level: 'AA',
              authorityLevel: 'national',
              certifiedOn: '2015-01-01',
            },
          }),
        });
      await Promise.all(Array.from({ length: 6 }, (_, i) => cmd(i % 2 ? executor : otherExecutor)));
      const last = (await fx.nats.jsm.streams.info(fx.topology.eventStream('registry').name)).state.last_seq;
      await view.waitFor(last);
      await other.waitFor(last);
      expect(view.get('cert-two')?.version).toBe(7);
      expect(other.get('cert-two')).toEqual(view.get('cert-two'));
    } finally {
      await other.stop();
    }
  });
});
