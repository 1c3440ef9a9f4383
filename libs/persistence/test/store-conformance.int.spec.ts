// The facts about the store that Highland's persistence relies on, run against whichever server the
// harness provides. Where FerretDB 1.24 and MongoDB differ, each server's measured behaviour is the
// expectation: moving to real MongoDB shows at once which rules could be relaxed.
import { testNames } from '@highland/testing';
import { MongoClient } from 'mongodb';
import mongoose, { Schema, type Connection } from 'mongoose';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { bulkWriteChunked, isDuplicateKeyError } from '../src/index.js';

const names = testNames(import.meta.url);
const isFerret = inject('mongoKind') === 'ferretdb';
let conn: Connection;

const Item = new Schema({
  _id: String,
  sku: { type: String, unique: true },
  n: Number,
  tags: [String],
  version: Number,
});

beforeAll(async () => {
  conn = await mongoose
    .createConnection(inject('mongoUrl'), { dbName: names.db, autoIndex: false })
    .asPromise();
  await conn.model('Item', Item).createIndexes();
});
afterAll(async () => {
  await conn.dropDatabase();
  await conn.close();
});

describe('store conformance (both servers)', () => {
  it('a unique-key insert conflict raises a duplicate-key error, and of 20 concurrent inserts exactly one wins', async () => {
    const M = conn.model<{ _id: string; sku: string }>('Item');
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => M.create({ _id: 'same', sku: `sku-${i}` })),
    );
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost.every((r) => isDuplicateKeyError(r.reason))).toBe(true);
    const winnerSku = won[0]!.value.sku;
    const secondary = await M.create({ _id: 'other', sku: winnerSku }).catch((e: unknown) => e);
    expect(isDuplicateKeyError(secondary)).toBe(true);
  });

  it('serves _id lookups, create, find, updateOne and countDocuments', async () => {
    const M = conn.model('Item');
    await M.insertMany([
      { _id: 'a', sku: 'A', n: 1, tags: ['x', 'y'] },
      { _id: 'b', sku: 'B', n: 2, tags: ['y'] },
      { _id: 'c', sku: 'C', n: 3, tags: [] },
    ]);
    expect((await M.findById('b').lean<{ sku: string }>())?.sku).toBe('B');
    expect(await M.findById('nope').lean()).toBeNull();
    await M.updateOne({ _id: 'c' }, { $set: { n: 30 }, $push: { tags: 'z' } });
    const c = await M.findById('c').lean<{ n: number; tags: string[] }>();
    expect(c).toMatchObject({ n: 30, tags: ['z'] });
    expect(await M.countDocuments({ tags: 'y' })).toBe(2);
    expect(
      (
        await M.find({ n: { $gte: 2 } })
          .sort({ n: -1 })
          .lean()
      ).map((d) => d._id),
    ).toEqual(['c', 'b']);
  });

  it('runs the aggregation subset we use: $match, $group (one accumulator), $sort, $skip, $limit, $project, $count', async () => {
    const M = conn.model('Item');
    await M.insertMany([
      { _id: 'g1', sku: 'G1', n: 5, tags: ['p', 'q'] },
      { _id: 'g2', sku: 'G2', n: 7, tags: ['p'] },
      { _id: 'g3', sku: 'G3', n: 1, tags: ['q'] },
    ]);
    const bySku = await M.aggregate<{ _id: string; total: number }>([
      { $match: { _id: { $in: ['g1', 'g2', 'g3'] } } },
      { $group: { _id: '$sku', total: { $sum: '$n' } } },
      { $sort: { _id: 1 } },
      { $skip: 1 },
      { $limit: 5 },
      { $project: { _id: 1, total: 1 } },
    ]);
    expect(bySku).toEqual([
      { _id: 'G2', total: 7 },
      { _id: 'G3', total: 1 },
    ]);
    const unwound = await M.aggregate<{ tags: string }>([
      { $match: { _id: { $in: ['g1', 'g2'] } } },
      { $unwind: '$tags' },
      { $group: { _id: '$tags', count: { $count: {} } } },
      { $sort: { _id: 1 } },
    ]);
    expect(unwound).toEqual([
      { _id: 'p', count: 2 },
      { _id: 'q', count: 1 },
    ]);
    const counted = await M.aggregate<{ k: number }>([
      { $match: { _id: { $in: ['g1', 'g2', 'g3'] }, n: { $gte: 5 } } },
      { $count: 'k' },
    ]);
    expect(counted[0]?.k).toBe(2);
  });

  it('bulkWriteChunked completes 120 updates in chunks of 50 (FerretDB hangs on 100+ in one bulk write)', async () => {
    const col = conn.db!.collection<{ _id: string; n: number }>('bulk');
    await col.insertMany(Array.from({ length: 120 }, (_, i) => ({ _id: `d${i}`, n: 0 })));
    const res = await bulkWriteChunked(
      col,
      Array.from({ length: 120 }, (_, i) => ({
        updateOne: { filter: { _id: `d${i}` }, update: { $set: { n: i } } },
      })),
    );
    expect(res).toMatchObject({ matched: 120, modified: 119, chunks: 3 });
    expect((await col.findOne({ _id: 'd77' }))?.n).toBe(77);
  });
});

describe(`store divergences (this run: ${isFerret ? 'FerretDB' : 'MongoDB'})`, () => {
  it('concurrent $inc on one document: MongoDB keeps all 50, FerretDB loses some', async () => {
    const col = conn.db!.collection<{ _id: string; n: number }>('counter');
    await col.insertOne({ _id: 'k', n: 0 });
    await Promise.all(Array.from({ length: 50 }, () => col.updateOne({ _id: 'k' }, { $inc: { n: 1 } })));
    const n = (await col.findOne({ _id: 'k' }))!.n;
    if (isFerret) expect(n).toBeLessThan(50);
    else expect(n).toBe(50);
  });

  it('version-guarded updates: MongoDB lets one of 20 win, FerretDB lets several win', async () => {
    const col = conn.db!.collection<{ _id: string; version: number }>('guarded');
    let maxWinners = 0;
    for (let round = 0; round < 3; round++) {
      await col.insertOne({ _id: `v${round}`, version: 1 });
      const res = await Promise.all(
        Array.from({ length: 20 }, () =>
          col.updateOne({ _id: `v${round}`, version: 1 }, { $set: { version: 2 } }),
        ),
      );
      const winners = res.filter((r) => r.modifiedCount === 1).length;
      if (!isFerret) expect(winners).toBe(1);
      maxWinners = Math.max(maxWinners, winners);
    }
    if (isFerret) expect(maxWinners).toBeGreaterThan(1);
  });

  it('an update that breaks a unique index: MongoDB says 11000, FerretDB says code 1', async () => {
    const col = conn.db!.collection<{ _id: string; key: string }>('uniq');
    await col.createIndex({ key: 1 }, { unique: true });
    await col.insertMany([
      { _id: 'u1', key: 'one' },
      { _id: 'u2', key: 'two' },
    ]);
    const err = (await col.updateOne({ _id: 'u2' }, { $set: { key: 'one' } }).catch((e: unknown) => e)) as {
      code?: number;
    };
    expect(err).toBeInstanceOf(Error);
    expect(err.code).toBe(isFerret ? 1 : 11000);
  });

  it('findOneAndUpdate with a projection: MongoDB serves it, FerretDB refuses (NotImplemented)', async () => {
    const col = conn.db!.collection<{ _id: string; a: number; b: number }>('fau');
    await col.insertOne({ _id: 'p', a: 1, b: 2 });
    const attempt = col
      .findOneAndUpdate({ _id: 'p' }, { $set: { a: 3 } }, { projection: { a: 1 }, returnDocument: 'after' })
      .then((doc) => ({ ok: true as const, doc }))
      .catch((e: { code?: number }) => ({ ok: false as const, code: e.code }));
    const outcome = await attempt;
    if (isFerret) expect(outcome).toEqual({ ok: false, code: 238 });
    else expect(outcome).toMatchObject({ ok: true, doc: { _id: 'p', a: 3 } });
  });

  it('a $group with two accumulators: MongoDB computes both, FerretDB only the first (we use one per $group)', async () => {
    const col = conn.db!.collection<{ _id: string; k: string; n: number }>('sum2');
    await col.insertMany([
      { _id: 's1', k: 'a', n: 5 },
      { _id: 's2', k: 'a', n: 7 },
    ]);
    const [row] = await col
      .aggregate<{ total: number; c: number }>([
        { $group: { _id: '$k', total: { $sum: '$n' }, c: { $sum: 1 } } },
      ])
      .toArray();
    expect(row?.total).toBe(12);
    expect(row?.c).toBe(isFerret ? 0 : 2);
  });

  it('$unwind keeps sibling fields on MongoDB, drops them on FerretDB (we never group unwound rows by other fields)', async () => {
    const col = conn.db!.collection<{ _id: string; n: number; tags: string[] }>('unwind');
    await col.insertOne({ _id: 'w', n: 5, tags: ['p', 'q'] });
    const rows = await col.aggregate<{ n?: number }>([{ $unwind: '$tags' }]).toArray();
    expect(rows).toHaveLength(2);
    expect(rows[0]?.n).toBe(isFerret ? undefined : 5);
  });

  it.runIf(isFerret)(
    'a single bulk write of 100 updates does not complete on FerretDB (why we chunk)',
    async () => {
      const client = await new MongoClient(inject('mongoUrl'), { socketTimeoutMS: 3_000 }).connect();
      try {
        const col = client.db(`${names.db}_hang`).collection<{ _id: string; n: number }>('h');
        await col.insertMany(Array.from({ length: 100 }, (_, i) => ({ _id: `h${i}`, n: 0 })));
        const ops = Array.from({ length: 100 }, (_, i) => ({
          updateOne: { filter: { _id: `h${i}` }, update: { $set: { n: 1 } } },
        }));
        await expect(col.bulkWrite(ops)).rejects.toThrow();
      } finally {
        await client.close(true);
      }
    },
  );
});
