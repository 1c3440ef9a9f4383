// A producing service added to the platform is followed by reporting with no edit in reporting:
// a test-only service with its own event contract and stream, named in the view's position, while
// SSE ids handed out before it (and before TBT) still resume.
import { defineEvent, eventProducers, StandardRegisteredV1 } from '@highland/contracts';
import { EventPublisher } from '@highland/messaging';
import { BaseConfig, createService, listen, parseConfig } from '@highland/service-kit';
import { apiClient, messagingFixture, type MessagingFixture, serviceEnv, testNames } from '@highland/testing';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { reportingService, ReportingView } from '../../src/index.js';

const ZoneDesignatedV1 = defineEvent({
  service: 'zones-test',
  name: 'zone-designated',
  version: 1,
  aggregateType: 'zone',
  description: 'A demonstration zone designated (test-only contract)',
  data: z.object({ name: z.string() }).strict(),
});
const zonesTest = { name: 'zones-test', positionTag: 'zt', contracts: [ZoneDesignatedV1] };

const names = testNames(import.meta.url);
const actor = { department: 'agriculture', user: 'li.wei' };
let fx: MessagingFixture;
let app: NestExpressApplication;
let view: ReportingView;
let base: string;
let api: ReturnType<typeof apiClient>;

beforeAll(async () => {
  fx = await messagingFixture(names, ['registry', 'reporting', 'tbt', 'zones', 'zones-test']);
  const env = await serviceEnv(names, 'reporting');
  const config = parseConfig(BaseConfig, env);
  app = await createService(reportingService(config, { follow: [...eventProducers, zonesTest] }));
  await listen(app, config);
  base = `http://127.0.0.1:${env.PORT}`;
  api = apiClient(base, env.HIGHLAND_BOOTSTRAP_OFFICE_KEY);
  view = app.get(ReportingView);
});
afterAll(async () => {
  await app?.close();
  await fx.dispose();
});

describe('a producing service added to the contracts', () => {
  it('is followed: its events are applied and the position names its stream', async () => {
    expect(view.position).toBe('i0.r0.p0.t0.z0.zt0');
    const ready = await api.get('/health/ready');
    expect(ready.status).toBe(200);
    const zones = new EventPublisher(fx.nats.js, fx.topology, 'zones-test');
    for (const [i, name] of ['Yinxiang tea', 'Sanjiang rice'].entries())
      await zones.publish(ZoneDesignatedV1, {
        aggregateId: `zone-${i}`,
        aggregateSeq: 1,
        data: { name },
        actor,
        reason: 'test',
        correlationId: `z${i}`,
      });
    await view.catchUp();
    expect(view.position).toBe('i0.r0.p0.t0.z0.zt2');
    expect((await api.get('/progress')).body.position).toBe('i0.r0.p0.t0.z0.zt2');
    // A rebuild follows it too.
    expect((await api.post('/admin/replay')).body.position).toBe('i0.r0.p0.t0.z0.zt2');
  });

  it('leaves SSE ids handed out before it resumable, pre-TBT and pre-zones ones included', async () => {
    const registry = new EventPublisher(fx.nats.js, fx.topology, 'registry');
    await registry.publish(StandardRegisteredV1, {
      aggregateId: 'std-a',
      aggregateSeq: 1,
      data: {
        code: 'GB/T 30001-2014',
        level: 'national',
        body: 'GB',
        nature: 'recommended',
        title: { zh: 'GB/T 30001-2014' },
        ics: ['91.100.10'],
        ccs: [],
        sector: 'cement',
        work: { kind: 'adopt', adopts: { code: 'ISO 679:2009', degree: 'MOD' } },
        stage: 'published',
        isoStage: '60.60',
        participants: [],
        inDistrict: true,
        publishedOn: '2014-05-01',
      },
      actor,
      reason: 'test',
      correlationId: 'r1',
    });
    await view.catchUp();
    for (const lastId of ['r0.p0', 'r0.p0.t0', 'r0.p0.t0.z0', 'r0.p0.t0.z0.zt2']) {
      const first = await firstSseMessage(`${base}/progress/stream`, lastId);
      expect(first.event, lastId).toBe('progress');
      expect(first.id).toBe('i0.r1.p0.t0.z0.zt2');
      expect(JSON.parse(first.data)).toMatchObject({ indicatorId: 'intl-adopted', value: 1 });
    }
    // An id naming a service that is not followed is no position: a fresh snapshot.
    expect((await firstSseMessage(`${base}/progress/stream`, 'r0.p0.t0.z0.x1')).event).toBe('snapshot');
  });
});

/** The first message of an SSE stream opened with a Last-Event-ID. */
async function firstSseMessage(url: string, lastEventId: string) {
  const controller = new AbortController();
  const res = await fetch(url, { headers: { 'last-event-id': lastEventId }, signal: controller.signal });
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) throw new Error('stream ended');
      buffer += decoder.decode(value, { stream: true });
      const block = buffer.split('\n\n').find((b, i, all) => i < all.length - 1 && !b.startsWith(':'));
      if (block) {
        const field = (name: string) =>
          block
            .split('\n')
            .find((l) => l.startsWith(`${name}: `))
            ?.slice(name.length + 2) ?? '';
        return { id: field('id'), event: field('event'), data: field('data') };
      }
    }
  } finally {
    controller.abort();
  }
}
