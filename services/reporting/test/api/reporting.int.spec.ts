// Reporting against real NATS and the store: attainment projected from registry events, rebuilds
// that equal the live view, progress streams (SSE with resume, NATS subjects, KV snapshot), plans.
import {
  AlertAcknowledgedV1,
  AlertDeliveredV1,
  AlertRaisedV1,
  CommitteeSeatGrantedV1,
  EnterpriseStandardFiledV1,
  type EventContract,
  type EventData,
  KeyProductRecordedV1,
  StandardRegisteredV1,
  StandardStageChangedV1,
} from '@highland/contracts';
import { EventPublisher } from '@highland/messaging';
import { BaseConfig, createService, listen, parseConfig } from '@highland/service-kit';
import { apiClient, messagingFixture, type MessagingFixture, serviceEnv, testNames } from '@highland/testing';
import { Kvm } from '@nats-io/kv';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { MongoClient } from 'mongodb';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { progressBucket, progressSubject, reportingService, ReportingView } from '../../src/index.js';
import { ReportingState } from '../../src/view/reporting-state.js';

const names = testNames(import.meta.url);
let app: NestExpressApplication;
let fx: MessagingFixture;
let registry: EventPublisher;
let base: string;
let api: ReturnType<typeof apiClient>;
let view: ReportingView;
let mongoUrl: string;
const actor = { department: 'agriculture', user: 'li.wei' };
let n = 0;

async function emit<C extends EventContract>(
  contract: C,
  aggregateId: string,
  data: EventData<C>,
  aggregateSeq = 1,
) {
  return registry.publish(contract, {
    aggregateId,
    aggregateSeq,
    data,
    actor,
    reason: 'test',
    correlationId: `c${++n}`,
  });
}
const standard = (
  code: string,
  over: Partial<EventData<typeof StandardRegisteredV1>> = {},
): EventData<typeof StandardRegisteredV1> => ({
  code,
  level: 'national',
  body: 'GB',
  nature: 'recommended',
  title: { zh: code },
  ics: ['91.100.10'],
  ccs: [],
  sector: 'cement',
  work: { kind: 'adopt', adopts: { code: 'ISO 679:2009', degree: 'MOD' } },
  stage: 'published',
  isoStage: '60.60',
  participants: [],
  inDistrict: true,
  publishedOn: '2014-05-01',
  ...over,
});

beforeAll(async () => {
  fx = await messagingFixture(names, ['registry', 'reporting']);
  registry = new EventPublisher(fx.nats.js, fx.topology, 'registry');
  const env = await serviceEnv(names, 'reporting');
  mongoUrl = env.MONGO_URL;
  const config = parseConfig(BaseConfig, env);
  app = await createService(reportingService(config));
  await listen(app, config);
  base = `http://127.0.0.1:${env.PORT}`;
  api = apiClient(base, env.HIGHLAND_BOOTSTRAP_OFFICE_KEY);
  view = app.get(ReportingView);
});
afterAll(async () => {
  await app.close();
  await fx.dispose();
});

const indicator = async (id: string, plan = 'district-2015') => {
  await view.catchUp();
  return view.attainment(plan, id)!;
};

describe('attainment projected from registry events', () => {
  it('ships the seed plan: registry- and zones-fed targets not started', async () => {
    const plans = await api.get('/plans');
    expect(plans.status).toBe(200);
    const seed = plans.body.find((p: { id: string }) => p.id === 'district-2015');
    expect(seed.indicators).toHaveLength(14);
    expect((await indicator('intl-adopted')).status).toBe('not-started');
    expect((await indicator('ag-zone-national')).status).toBe('not-started');
    expect((await indicator('ag-zone-national')).value).toBe(0);
    expect((await indicator('2020')).status).toBe('qualitative');
  });

  it('counts adoptions once published, filings, distinct committee members and the adoption rate', async () => {
    await emit(StandardRegisteredV1, 'std-a', standard('GB/T 30001-2014'));
    await emit(
      StandardRegisteredV1,
      'std-b',
      standard('GB/T 30002-2014', { stage: 'drafting', isoStage: '20.00', publishedOn: undefined }),
    );
    expect((await indicator('intl-adopted')).value).toBe(1);
    await emit(
      StandardStageChangedV1,
      'std-b',
      {
        code: 'GB/T 30002-2014',
        from: 'drafting',
        to: 'published',
        isoStage: '60.60',
        on: '2015-01-10',
        publishedOn: '2015-01-10',
      },
      2,
    );
    const adopted = await indicator('intl-adopted');
    expect(adopted.value).toBe(2);
    expect(adopted.breakdowns.sector).toEqual([{ key: 'cement', value: 2 }]);
    expect(adopted.monthly.find((m) => m.month === '2015-01')?.value).toBe(2);

    await emit(EnterpriseStandardFiledV1, 'fil-1', {
      enterprise: 'A',
      product: 'p',
      standardCode: 'Q/A 001-2014',
      filedOn: '2014-02-01',
    });
    await emit(EnterpriseStandardFiledV1, 'fil-2', {
      enterprise: 'B',
      product: 'p',
      standardCode: 'Q/B 001-2014',
      filedOn: '2014-02-01',
    });
    expect((await indicator('enterprise-filed')).value).toBe(2);

    const seat = (holder: string, committee: string): EventData<typeof CommitteeSeatGrantedV1> => ({
      committee,
      committeeLevel: 'national',
      memberKind: 'enterprise',
      holder,
      role: 'member',
      from: '2014-03-01',
    });
    await emit(CommitteeSeatGrantedV1, 'seat-1', seat('Yinxiang Motor', 'SAC/TC 114'));
    await emit(CommitteeSeatGrantedV1, 'seat-2', seat('Yinxiang Motor', 'SAC/TC 184'));
    await emit(CommitteeSeatGrantedV1, 'seat-3', seat('Sanjiang Glass', 'SAC/TC 184'));
    expect((await indicator('tc-enterprises')).value).toBe(2);

    for (let i = 0; i < 20; i++) {
      await emit(KeyProductRecordedV1, `kp-${i}`, {
        product: `product ${i}`,
        field: 'automobile',
        enterprise: 'E',
        adoptsInternational: i < 17,
        since: '2014-01-01',
      });
    }
    const rate = await indicator('adoption-rate');
    expect(rate).toMatchObject({ value: 85, numerator: 17, denominator: 20, status: 'attained' });
  });

  it('ignores redelivered and out-of-order events, and a rebuild equals the live view', async () => {
    const live = view.state;
    // A redelivery of an already applied event, and an older one arriving late, change nothing.
    const copy = ReportingState.prototype.apply.call(
      live,
      'registry',
      { type: 'registry.enterprise-standard-filed', data: {} } as never,
      3,
    );
    expect(copy).toBe(false);
    const before = { facts: live.facts.canonicalJson(), attainment: JSON.stringify(view.snapshot()) };
    const replay = await api.post('/admin/replay');
    expect(replay.status).toBe(200);
    expect(view.state).not.toBe(live);
    expect(view.state.facts.equals(live.facts)).toBe(true);
    expect(view.state.facts.canonicalJson()).toBe(before.facts);
    expect(JSON.stringify(view.snapshot())).toBe(before.attainment);
    // The store holds the new generation only.
    const mongo = await new MongoClient(mongoUrl).connect();
    try {
      const db = mongo.db();
      const meta = await db
        .collection<{ _id: string; generation: number }>('meta')
        .findOne({ _id: 'current' });
      expect(meta?.generation).toBe(replay.body.generation);
      expect(await db.collection(`facts_g${meta!.generation}`).countDocuments()).toBe(view.state.facts.size);
      const collections = (await db.listCollections().toArray()).map((c) => c.name);
      expect(collections).not.toContain(`facts_g${meta!.generation - 1}`);
    } finally {
      await mongo.close();
    }
  });
});

describe('progress streams', () => {
  it('SSE: a snapshot first, then changes; Last-Event-ID resumes with what was missed', async () => {
    const first = await openSse(`${base}/progress/stream`);
    const snapshot = await first.next();
    expect(snapshot.event).toBe('snapshot');
    expect(JSON.parse(snapshot.data).progress.length).toBeGreaterThanOrEqual(14);
    first.close();

    await emit(StandardRegisteredV1, 'std-c', standard('GB/T 30003-2014'));
    await view.catchUp();
    const resumed = await openSse(`${base}/progress/stream`, snapshot.id);
    const missed = await resumed.next();
    expect(missed.event).toBe('progress');
    expect(JSON.parse(missed.data)).toMatchObject({ indicatorId: 'intl-adopted', value: 3 });
    resumed.close();
  });

  it('NATS: every change on reporting.progress.<plan>.<indicator>, and the current value in the KV bucket', async () => {
    const subject = progressSubject(fx.topology, 'district-2015', 'intl-adopted');
    const sub = fx.nats.nc.subscribe(subject, { max: 1 });
    await fx.nats.nc.flush();
    await emit(StandardRegisteredV1, 'std-d', standard('GB/T 30004-2014'));
    for await (const m of sub)
      expect(m.json<{ value: number; status: string }>()).toMatchObject({ value: 4, status: 'attained' });
    const kv = await new Kvm(fx.nats.nc).open(progressBucket(fx.topology));
    await new Promise((r) => setTimeout(r, 200));
    expect((await kv.get('district-2015.intl-adopted'))?.json<{ value: number }>().value).toBe(4);
  });
});

describe('plans as data', () => {
  const plan2020 = {
    id: 'district-2020',
    name: { zh: '十三五技术标准规划', en: 'Standards plan 2016–2020' },
    period: { start: '2016-01-01', end: '2020-12-31' },
    indicators: [
      {
        id: 'local',
        name: { zh: '地方标准', en: 'Local standards' },
        unit: { zh: '项', en: 'items' },
        target: { kind: 'range', min: 10, max: 20 },
        counts: {
          fact: 'standard-work',
          where: { level: ['local'], stageReached: '60.00' },
          measure: 'count-distinct',
        },
        breakdowns: ['sector'],
      },
    ],
  };

  it('refuses a malformed plan with each field and reason', async () => {
    const res = await api.post('/plans', {
      ...plan2020,
      period: { start: '2020-12-31', end: '2016-01-01' },
      indicators: [{ ...plan2020.indicators[0], target: { kind: 'range', min: 20, max: 10 } }],
    });
    expect(res.status).toBe(400);
    const fields = (res.body.errors as Array<{ field: string }>).map((e) => e.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^body\.period/),
        expect.stringMatching(/^body\.indicators\[0\]\.target/),
      ]),
    );
  });

  it('defines another plan, reported side by side; an overlapping period is a conflict', async () => {
    const created = await api.post('/plans', plan2020);
    expect(created.status).toBe(201);
    // The shared command response; the plan and its attainment, evaluated already, as its item.
    expect(created.body).toMatchObject({ id: 'district-2020', status: 'recorded', version: 1 });
    expect(created.body.item).toMatchObject({ id: 'district-2020', attainment: [{ indicatorId: 'local' }] });
    const plans = await api.get('/plans');
    expect(plans.body.map((p: { id: string }) => p.id)).toEqual(['district-2015', 'district-2020']);
    const overlap = await api.post('/plans', {
      ...plan2020,
      id: 'district-2019',
      period: { start: '2019-01-01', end: '2021-12-31' },
    });
    expect(overlap.status).toBe(409);
    expect((await api.get('/plans/nope')).status).toBe(404);
  });

  it("ranks the district among peer districts' imported totals", async () => {
    const res = await api.post('/plans/district-2015/indicators/total-rank/peers', {
      asOf: '2015-12-31',
      peers: [
        { district: 'Yongchuan', total: 12 },
        { district: 'Rongchang', total: 1 },
        { district: 'Tongliang', total: 3 },
      ],
    });
    expect(res.status).toBe(201);
    expect(res.body.item).toMatchObject({ indicatorId: 'total-rank', groupSize: 4 });
    const rank = await indicator('total-rank');
    expect(rank.rank).toBeGreaterThan(1);
    expect(rank.groupSize).toBe(4);
    const bad = await api.post('/plans/district-2015/indicators/local/peers', {
      asOf: '2015-12-31',
      peers: [{ district: 'X', total: 1 }],
    });
    expect(bad.status).toBe(409);
  });

  it('exports every view as CSV with a BOM', async () => {
    const res = await fetch(`${base}/exports/district-2015/attainment.csv`);
    const bytes = new Uint8Array(await res.arrayBuffer());
    const text = new TextDecoder().decode(bytes);
    expect(res.headers.get('content-type')).toMatch(/text\/csv/);
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(text).toContain('intl-adopted,采用國際標準');
    const items = await (await fetch(`${base}/exports/district-2015/intl-adopted/items.csv`)).text();
    expect(items.split('\n').filter(Boolean)).toHaveLength(1 + 4);
  });
});

describe('exports are data, never formulas (CSV injection)', () => {
  it('neutralises every cell that starts like a formula, in every export', async () => {
    const hostile = {
      sector: '=HYPERLINK("http://evil.example","x")',
      town: '@SUM(1+1)',
    };
    await emit(
      StandardRegisteredV1,
      'std-evil',
      standard('DB50/T 6666-2014', {
        level: 'local',
        body: 'DB50',
        work: { kind: 'formulate' },
        title: { zh: '+cmd|calc' },
        ...hostile,
      }),
    );
    await view.catchUp();
    const plan = (await api.get('/plans/district-2015')).body as { indicators: Array<{ id: string }> };
    const cells: string[] = [];
    const urls = [`${base}/exports/district-2015/attainment.csv`];
    for (const { id } of plan.indicators)
      for (const v of ['breakdowns', 'monthly', 'items'])
        urls.push(`${base}/exports/district-2015/${id}/${v}.csv`);
    for (const url of urls) {
      const res = await fetch(url);
      expect(res.status, url).toBe(200);
      const rows: string[][] = parse((await res.text()).replace(/^\uFEFF/, ''), {
        relax_column_count: true,
      });
      cells.push(...rows.flat());
    }
    expect(cells.filter((c) => /^[=+\-@\t\r]/.test(c))).toEqual([]);
    // The values are kept, readable, with the apostrophe that stops a spreadsheet running them.
    expect(cells).toContain(`'${hostile.sector}`);
    expect(cells).toContain(`'${hostile.town}`);
  });
});

describe('TBT alerts, projected once the TBT service publishes', () => {
  const count = (id: string, en: string, min: number, where?: Record<string, unknown>) => ({
    id,
    name: { zh: en, en },
    unit: { zh: '条', en: 'alerts' },
    target: { kind: 'floor', min },
    counts: { fact: 'tbt-alert', ...(where ? { where } : {}), measure: 'count-distinct' },
    breakdowns: ['department'],
  });

  it('counts alerts raised, acknowledged and proposed as trade concerns, by member; a rebuild equals the live view', async () => {
    const planned = await api.post('/plans', {
      id: 'district-2026',
      name: { zh: '技术性贸易措施应对', en: 'TBT response 2026–2030' },
      period: { start: '2026-01-01', end: '2030-12-31' },
      indicators: [
        count('alerts', 'Alerts raised', 3),
        count('acknowledged', 'Alerts acknowledged', 2, { acknowledged: true }),
        count('eu-concerns', 'EU trade-concern candidates', 1, {
          member: ['EU'],
          tradeConcernCandidate: true,
        }),
      ],
    });
    expect(planned.status).toBe(201);
    const tbt = new EventPublisher(fx.nats.js, fx.topology, 'tbt');
    const tbtActor = { department: 'commerce', user: 'wto.centre' };
    const publish = <C extends EventContract>(contract: C, id: string, seq: number, data: EventData<C>) =>
      tbt.publish(contract, {
        aggregateId: id,
        aggregateSeq: seq,
        data,
        actor: tbtActor,
        reason: 'test',
        correlationId: `t${++n}`,
      });
    const raised = (member: string, i: number): EventData<typeof AlertRaisedV1> => ({
      exporterId: `exp-${i}`,
      enterprise: `Exporter ${i}`,
      threadKey: `G/TBT/N/${member}/${i}`,
      documentKey: `G/TBT/N/${member}/${i}`,
      title: 'Toys: safety requirements',
      member,
      inferred: false,
      reasons: [{ rule: 'hs', profileValue: '9503', notificationValue: '9503', field: 'hs' }],
    });
    await publish(AlertRaisedV1, 'alert-1', 1, raised('EU', 1));
    await publish(AlertRaisedV1, 'alert-2', 1, raised('EU', 2));
    await publish(AlertRaisedV1, 'alert-3', 1, raised('USA', 3));
    expect((await indicator('alerts', 'district-2026')).value).toBe(3);
    expect((await indicator('acknowledged', 'district-2026')).status).toBe('not-started');

    await publish(AlertDeliveredV1, 'alert-1', 2, { channel: 'webhook', outcome: 'delivered', attempts: 1 });
    await publish(AlertAcknowledgedV1, 'alert-1', 3, {
      impact: 'high',
      action: 'comment-via-enquiry-point',
      tradeConcernCandidate: true,
    });
    await publish(AlertAcknowledgedV1, 'alert-3', 2, {
      impact: 'low',
      action: 'adapt-product',
      tradeConcernCandidate: false,
    });
    const alerts = await indicator('alerts', 'district-2026');
    expect(alerts).toMatchObject({ value: 3, status: 'attained' });
    expect((await indicator('acknowledged', 'district-2026')).value).toBe(2);
    expect((await indicator('eu-concerns', 'district-2026')).value).toBe(1);
    // An acknowledgement moves nothing in time: the alert still counts when it was raised.
    expect(view.state.facts.get('tbt-alert|alert-1')?.occurredAt).toBe(
      view.state.facts.get('tbt-alert|alert-2')?.occurredAt,
    );
    const items = (await api.get('/plans/district-2026/indicators/eu-concerns')).body.items as Array<{
      attributes: Record<string, unknown>;
    }>;
    expect(items.map((i) => [i.attributes.code, i.attributes.enterprise])).toEqual([
      ['G/TBT/N/EU/1', 'Exporter 1'],
    ]);
    // The SSE position now names the TBT stream's sequence too.
    expect(view.position).toMatch(/^i0\.r\d+\.p\d+\.t6\.z0$/);

    const live = view.state;
    expect((await api.post('/admin/replay')).status).toBe(200);
    expect(view.state).not.toBe(live);
    expect(view.state.facts.equals(live.facts)).toBe(true);
    expect((await indicator('eu-concerns', 'district-2026')).value).toBe(1);
  });
});

/** A minimal SSE reader over fetch. */
async function openSse(url: string, lastEventId?: string) {
  const controller = new AbortController();
  const res = await fetch(url, {
    headers: lastEventId ? { 'last-event-id': lastEventId } : {},
    signal: controller.signal,
  });
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  return {
    async next(): Promise<{ id: string; event: string; data: string }> {
      for (;;) {
        const end = buffer.indexOf('\n\n');
        if (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (block.startsWith(':')) continue;
          const field = (name: string) =>
            block
              .split('\n')
              .find((l) => l.startsWith(`${name}: `))
              ?.slice(name.length + 2) ?? '';
          return { id: field('id'), event: field('event'), data: field('data') };
        }
        const { value, done } = await reader.read();
        if (done) throw new Error('stream ended');
        buffer += decoder.decode(value, { stream: true });
      }
    },
    close: () => controller.abort(),
  };
}

void inject;
