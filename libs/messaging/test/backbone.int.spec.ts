// The backbone's promises, against a real NATS server and store: nothing lost, nothing doubled,
// nothing hidden.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EnterpriseCertifiedV1, type EventEnvelope, H } from '@highland/contracts';
import { freePort, startEmbeddedNats } from '@highland/infra';
import { isDuplicateKeyError } from '@highland/persistence';
import { messagingFixture, type MessagingFixture, testNames } from '@highland/testing';
import { AckPolicy, DeliverPolicy, type JsMsg } from '@nats-io/jetstream';
import { headers as natsHeaders } from '@nats-io/nats-core';
import { type Collection, MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  carriesTraceContext,
  connectNats,
  deliveryOf,
  ConsumerRunner,
  ContractViolation,
  ensureStream,
  EventPublisher,
  listDeadLetters,
  PermanentError,
  PubAckInbox,
  Topology,
} from '../src/index.js';

const names = testNames(import.meta.url);
const actor = { department: 'office', user: 'tester' };
const certified = (enterprise: string) => ({
  enterprise,
  level: 'AAA' as const,
  authorityLevel: 'municipal' as const,
  certifiedOn: '2014-05-01',
});
let fx: MessagingFixture;
let publisher: EventPublisher;
let mongo: MongoClient;
let effects: Collection<{ _id: string; consumer: string; enterprise: string }>;

beforeAll(async () => {
  fx = await messagingFixture(names, ['registry']);
  publisher = new EventPublisher(fx.nats.js, fx.topology, 'registry');
  mongo = await new MongoClient(inject('mongoUrl')).connect();
  effects = mongo.db(names.db).collection('effects');
});
afterAll(async () => {
  await mongo.db(names.db).dropDatabase();
  await mongo.close();
  await fx.dispose();
});

const stream = () => fx.topology.eventStream('registry').name;
let aggregateCounter = 0;
const publishCertified = (enterprise: string, id?: string) =>
  publisher.publish(EnterpriseCertifiedV1, {
    aggregateId: `cert-${++aggregateCounter}`,
    aggregateSeq: 1,
    data: certified(enterprise),
    actor,
    reason: 'test',
    correlationId: 'c-1',
    ...(id ? { id } : {}),
  });

/** The effect is stored under the event id: a redelivered event cannot store it twice. */
async function storeEffect(consumer: string, event: EventEnvelope): Promise<void> {
  try {
    await effects.insertOne({
      _id: `${consumer}:${event.id}`,
      consumer,
      enterprise: (event.data as { enterprise: string }).enterprise,
    });
  } catch (err) {
    if (!isDuplicateKeyError(err)) throw err;
  }
}

const until = async (what: string, check: () => Promise<boolean>, timeoutMs = 20_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
};

describe('publisher', () => {
  it('refuses an invalid event with the field and reason, and sends nothing', async () => {
    const before = (await fx.nats.jsm.streams.info(stream())).state.messages;
    const attempt = publisher.publish(EnterpriseCertifiedV1, {
      aggregateId: 'cert-bad',
      aggregateSeq: 1,
      data: { ...certified('E'), level: 'AAAA' } as unknown as ReturnType<typeof certified>,
      actor,
      reason: 'test',
      correlationId: 'c',
    });
    await expect(attempt).rejects.toBeInstanceOf(ContractViolation);
    await expect(attempt).rejects.toThrow(/data\.level/);
    expect((await fx.nats.jsm.streams.info(stream())).state.messages).toBe(before);
  });

  it('stores an event once when it is published twice with the same id', async () => {
    const first = await publishCertified('Dup Co');
    const again = await publisher.send(EnterpriseCertifiedV1, first.event);
    expect(again.duplicate).toBe(true);
    expect(again.seq).toBe(first.seq);
  });

  it('refuses a service publishing another service’s event', () => {
    const other = new EventPublisher(fx.nats.js, fx.topology, 'reporting');
    expect(() =>
      other.envelope(EnterpriseCertifiedV1, {
        aggregateId: 'x',
        aggregateSeq: 1,
        data: certified('E'),
        actor,
        reason: 'r',
        correlationId: 'c',
      }),
    ).toThrow(/only registry publishes/);
  });
});

describe('consumer runner', () => {
  it('redelivers what a consumer killed mid-batch had not acknowledged, without double effects', async () => {
    const durable = 'killed-mid-batch';
    const n = 40;
    const start = (await fx.nats.jsm.streams.info(stream())).state.last_seq;
    // First process: handles a few events, then hangs; its connection is then cut without draining.
    const doomed = await connectNats({
      url: inject('natsUrl'),
      name: 'doomed',
      credentialsFile: inject('natsCredentialsFile') || undefined,
    });
    let handled = 0;
    const first = new ConsumerRunner(doomed, fx.topology, {
      service: 'registry',
      durable,
      stream: stream(),
      contracts: [EnterpriseCertifiedV1],
      ackWaitMs: 1_000,
      maxDeliver: 10,
      concurrency: 1,
      handle: async (event) => {
        if (event.data && (event.data as { enterprise: string }).enterprise.startsWith('Dup')) return;
        await storeEffect(durable, event);
        if (++handled >= 5) await new Promise(() => {}); // stuck after storing its 5th effect
      },
    });
    await first.start();
    for (let i = 0; i < n; i++) await publishCertified(`Batch ${i}`);
    await until('the first consumer to get stuck', async () => handled >= 5);
    await doomed.nc.close(); // killed: no drain, no acks

    let redelivered = 0;
    const second = new ConsumerRunner(fx.nats, fx.topology, {
      service: 'registry',
      durable,
      stream: stream(),
      contracts: [EnterpriseCertifiedV1],
      ackWaitMs: 1_000,
      maxDeliver: 10,
      handle: async (event, ctx) => {
        if (ctx.deliveryCount > 1) redelivered++;
        if (ctx.streamSeq > start) await storeEffect(durable, event);
      },
    });
    await second.start();
    await until('all effects', async () => (await effects.countDocuments({ consumer: durable })) === n);
    await new Promise((r) => setTimeout(r, 1_500)); // any late redelivery would show now
    await second.stop();
    expect(await effects.countDocuments({ consumer: durable })).toBe(n);
    expect(redelivered).toBeGreaterThan(0);
  });

  it('lets a batch handler wait for a trickle of events to fill a batch, and takes a burst in full batches', async () => {
    const start = (await fx.nats.jsm.streams.info(stream())).state.last_seq;
    const batches: number[][] = [];
    const runner = new ConsumerRunner(fx.nats, fx.topology, {
      service: 'registry',
      durable: 'lingering-batches',
      stream: stream(),
      contracts: [EnterpriseCertifiedV1],
      batchSize: 10,
      lingerMs: 1_500,
      handleBatch: async (batch) => {
        const fresh = batch.filter((b) => b.ctx.streamSeq > start).map((b) => b.ctx.streamSeq);
        if (fresh.length) batches.push(fresh);
      },
    });
    await runner.start();
    const seen = () => batches.flat().length;
    // A trickle: six events, 50 ms apart, well within the linger.
    for (let i = 0; i < 6; i++) {
      await publishCertified(`Trickle ${i}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    await until('the trickle', async () => seen() === 6);
    expect(batches).toHaveLength(1);
    // A burst: 25 at once come as full batches of 10 and the rest.
    batches.length = 0;
    await Promise.all(Array.from({ length: 25 }, (_, i) => publishCertified(`Burst ${i}`)));
    await until('the burst', async () => seen() === 25);
    await runner.stop();
    expect(batches.map((b) => b.length)).toEqual([10, 10, 5]);
  });

  it('sends a poison message to the dead-letter stream while later messages flow, then re-drives it', async () => {
    const durable = 'poison';
    let cured = false;
    const start = (await fx.nats.jsm.streams.info(stream())).state.last_seq;
    const runner = new ConsumerRunner(fx.nats, fx.topology, {
      service: 'registry',
      durable,
      stream: stream(),
      contracts: [EnterpriseCertifiedV1],
      maxDeliver: 3,
      backoffMs: [50],
      handle: async (event, ctx) => {
        if (ctx.streamSeq <= start) return;
        const enterprise = (event.data as { enterprise: string }).enterprise;
        if (enterprise === 'Poison Co' && !cured) throw new PermanentError('cannot project Poison Co');
        if (enterprise === 'Flaky Co' && !cured) throw new Error('store unavailable'); // transient, until max_deliver
        await storeEffect(durable, event);
      },
    });
    await runner.start();
    await publishCertified('Poison Co');
    await publishCertified('Flaky Co');
    // An event that breaks its contract, sent around the publisher.
    const h = natsHeaders();
    h.set(H.eventType, EnterpriseCertifiedV1.type);
    h.set(H.eventVersion, '1');
    await fx.nats.js.publish(fx.topology.subject(EnterpriseCertifiedV1, 'cert-raw'), '{"not":"an event"}', {
      headers: h,
    });
    for (let i = 0; i < 5; i++) await publishCertified(`Good ${i}`);

    await until('the good events', async () => (await effects.countDocuments({ consumer: durable })) === 5);
    await until(
      'three dead letters',
      async () => (await listDeadLetters(fx.nats.jsm, fx.topology, 'registry', durable)).length === 3,
    );
    const letters = await listDeadLetters(fx.nats.jsm, fx.topology, 'registry', durable);
    const reasons = letters.map((l) => l.reason).join('\n');
    expect(reasons).toMatch(/PermanentError: cannot project Poison Co/);
    expect(reasons).toMatch(/store unavailable/);
    expect(reasons).toMatch(/violates registry\.enterprise-certified v1/);
    const flaky = letters.find((l) => /store unavailable/.test(l.reason))!;
    expect(flaky.deliveries).toBe(3);
    expect(flaky.headers[H.eventType]).toBe(EnterpriseCertifiedV1.type);

    cured = true;
    const result = await runner.redrive();
    expect(result.redriven).toHaveLength(2);
    expect(result.failed).toHaveLength(1); // the contract violation stays: no handler can take it
    expect(await effects.countDocuments({ consumer: durable })).toBe(7);
    expect(await listDeadLetters(fx.nats.jsm, fx.topology, 'registry', durable)).toHaveLength(1);
    await runner.stop();
  });
});

describe('a NATS server restart during a publish burst', () => {
  it('loses nothing and doubles nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'highland-restart-'));
    const port = await freePort();
    let server = await startEmbeddedNats({ port, dataDir: dir });
    const nats = await connectNats({ url: server.url, name: 'burst' });
    try {
      const topology = new Topology('burst');
      await ensureStream(nats.jsm, topology.eventStream('registry'));
      const pub = new EventPublisher(nats.js, topology, 'registry');
      const n = 300;
      const sends: Array<Promise<unknown>> = [];
      for (let i = 0; i < n; i++) {
        sends.push(
          pub.publish(EnterpriseCertifiedV1, {
            aggregateId: `burst-${i}`,
            aggregateSeq: 1,
            data: certified(`Burst ${i}`),
            actor,
            reason: 'burst',
            correlationId: 'burst',
          }),
        );
        if (i === 100) {
          await server.stop();
          setTimeout(() => {
            void startEmbeddedNats({ port, dataDir: dir }).then((s) => (server = s));
          }, 300);
        }
        if (i % 20 === 0) await new Promise((r) => setTimeout(r, 5));
      }
      const outcomes = await Promise.allSettled(sends);
      expect(outcomes.filter((o) => o.status === 'rejected')).toEqual([]);
      const info = await nats.jsm.streams.info(topology.eventStream('registry').name);
      expect(info.state.messages).toBe(n);
    } finally {
      await nats.close();
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('reading trace context without decoding headers', () => {
  it('agrees with the decoded headers on real messages: with, without, and with no headers at all', async () => {
    const subject = (n: string) => fx.topology.subject(EnterpriseCertifiedV1, `trace-${n}`);
    const traced = natsHeaders();
    traced.set(H.eventType, EnterpriseCertifiedV1.type);
    traced.set(H.traceparent, '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01');
    const untraced = natsHeaders();
    untraced.set(H.eventType, EnterpriseCertifiedV1.type);
    untraced.set('X-Note', 'traceparent: is only mentioned in a value');
    const first = await fx.nats.js.publish(subject('a'), '{}', { headers: traced });
    await fx.nats.js.publish(subject('b'), '{}', { headers: untraced });
    await fx.nats.js.publish(subject('c'), '{}');
    const consumer = await fx.nats.js.consumers.get(stream(), {
      filter_subjects: [fx.topology.eventFilter(EnterpriseCertifiedV1)],
      opt_start_seq: first.seq,
      deliver_policy: DeliverPolicy.StartSequence,
    });
    const seen: Array<[boolean, boolean]> = [];
    for (let i = 0; i < 3; i++) {
      const m = (await consumer.next({ expires: 5_000 }))!;
      const fast = carriesTraceContext(m);
      seen.push([fast, m.headers?.has(H.traceparent) ?? false]);
    }
    expect(seen).toEqual([
      [true, true],
      [false, false],
      [false, false],
    ]);
  });
});

describe('reading delivery numbers from the reply subject', () => {
  it('agrees with nats.js on real messages: ordered, durable, and redelivered', async () => {
    const subject = fx.topology.subject(EnterpriseCertifiedV1, 'delivery-1');
    const first = await fx.nats.js.publish(subject, '{}');
    await fx.nats.js.publish(subject, '{}');
    // deliveryOf first: once read, m.info is cached and deliveryOf reuses it.
    const agree = (m: JsMsg) =>
      expect(deliveryOf(m)).toEqual({
        streamSeq: m.info.streamSequence,
        deliveryCount: m.info.deliveryCount,
        pending: m.info.pending,
      });
    const ordered = await fx.nats.js.consumers.get(stream(), {
      filter_subjects: [subject],
      opt_start_seq: first.seq,
      deliver_policy: DeliverPolicy.StartSequence,
    });
    const o = (await ordered.next({ expires: 5_000 }))!;
    agree(o);
    expect(deliveryOf(o)).toMatchObject({ streamSeq: first.seq, pending: 1 });

    const durable = `delivery-${Date.now()}`;
    await fx.nats.jsm.consumers.add(stream(), {
      durable_name: durable,
      ack_policy: AckPolicy.Explicit,
      filter_subject: subject,
      deliver_policy: DeliverPolicy.StartSequence,
      opt_start_seq: first.seq,
    });
    const pull = await fx.nats.js.consumers.get(stream(), durable);
    const d1 = (await pull.next({ expires: 5_000 }))!;
    agree(d1);
    d1.nak();
    // The redelivery may come after the second message.
    let redelivered: JsMsg | undefined;
    for (let i = 0; i < 3 && !redelivered; i++) {
      const m = (await pull.next({ expires: 5_000 }))!;
      agree(m);
      if (deliveryOf(m).streamSeq === first.seq) redelivered = m;
      m.ack();
    }
    expect(deliveryOf(redelivered!)).toMatchObject({ streamSeq: first.seq, deliveryCount: 2 });
    await fx.nats.jsm.consumers.delete(stream(), durable);
  });
});

describe('PubAckInbox (acknowledgements on one inbox)', () => {
  it('resolves PubAcks, names JetStream errors, and fails fast or on time when nobody stores the subject', async () => {
    const inbox = new PubAckInbox(fx.nats.nc);
    const h = () => {
      const headers = natsHeaders();
      headers.set(H.msgId, `pubacks-${aggregateCounter++}`);
      return headers;
    };
    const subject = fx.topology.subject(EnterpriseCertifiedV1, 'pubacks-1');
    const first = await inbox.publish(subject, Buffer.from('{}'), h(), 5_000);
    expect(first.stream).toBe(stream());
    const again = h();
    again.set('Nats-Expected-Last-Subject-Sequence', '0');
    await expect(inbox.publish(subject, Buffer.from('{}'), again, 5_000)).rejects.toThrow(
      /wrong last sequence/,
    );
    // No stream and no subscriber: the server answers 503 at once.
    await expect(
      inbox.publish(`${names.prefix}-nowhere.x`, Buffer.from('{}'), h(), 5_000),
    ).rejects.toMatchObject({
      code: 503,
    });
    // A plain subscriber that never answers: the publish times out.
    const silent = fx.nats.nc.subscribe(`${names.prefix}-silent.x`);
    const started = Date.now();
    await expect(inbox.publish(`${names.prefix}-silent.x`, Buffer.from('{}'), h(), 300)).rejects.toThrow(
      /timed out/,
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    silent.unsubscribe();
  });
});
