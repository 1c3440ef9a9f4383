// An exporter's alert stream (SSE) resumes: a client that reconnects with Last-Event-ID gets the
// alerts raised while it was away, in order, and none it already had; a malformed id is a 400.
import { ApiKeyStore, createService, listen, parseConfig } from '@highland/service-kit';
import { apiClient, messagingFixture, type MessagingFixture, serviceEnv, testNames } from '@highland/testing';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TbtConfig } from '../../src/config.js';
import { paintsNotification } from '../fixtures/paints-notification.js';

const names = testNames(import.meta.url);
let tbt: NestExpressApplication;
let fx: MessagingFixture;
let base: string;
let centreKey: string;
let centre: ReturnType<typeof apiClient>;

interface SseEvent {
  id: string;
  symbol: string;
}

/** Opens the stream and collects its events until `count` arrived (or `ms` passed), then closes it. */
async function collect(
  headers: Record<string, string>,
  count: number,
  ms = 10_000,
  during?: () => Promise<void>,
) {
  const abort = new AbortController();
  const res = await fetch(`${base}/exporters/sse-paints/alerts/stream`, {
    headers: { authorization: `Bearer ${centreKey}`, ...headers },
    signal: abort.signal,
  });
  const events: SseEvent[] = [];
  if (res.status !== 200) return { status: res.status, events, body: await res.text() };
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const timer = setTimeout(() => abort.abort(), ms);
  const pending = during?.();
  try {
    while (events.length < count) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const id = /^id: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (id && data) events.push({ id, symbol: (JSON.parse(data) as { symbol: string }).symbol });
      }
    }
  } catch {
    // aborted on time-out: return what arrived
  } finally {
    clearTimeout(timer);
    abort.abort();
    await pending;
  }
  return { status: res.status, events, body: '' };
}

beforeAll(async () => {
  const env = await serviceEnv(names, 'tbt');
  const config = parseConfig(TbtConfig, env);
  const { tbtService } = await import('../../src/service.js');
  tbt = await createService(tbtService(config));
  await listen(tbt, config);
  base = `http://127.0.0.1:${env.PORT}`;
  fx = await messagingFixture(names);
  const keys = await ApiKeyStore.open(fx.nats, fx.topology);
  centreKey = (await keys.create({ department: 'tbt-centre', scopes: ['tbt:*'], label: 'sse' })).key;
  keys.close();
  centre = apiClient(base, centreKey);
  for (let i = 0; i < 50 && (await centre.get('/notifications')).status === 401; i++)
    await new Promise((r) => setTimeout(r, 100));
  const profile = await centre.post('/exporters', {
    exporterId: 'sse-paints',
    enterprise: 'Chongqing Sanxia Paints',
    hs: ['3208'],
    markets: ['MWI'],
  });
  expect(profile.status).toBeLessThan(300);
});
afterAll(async () => {
  await tbt?.close();
  await fx?.dispose();
});

const notify = async (symbol: string) =>
  expect((await centre.post('/notifications', paintsNotification(symbol))).status).toBe(200);

describe('alert stream (SSE) with Last-Event-ID', () => {
  it('sends live alerts with ordered ids, and on reconnect only what was missed', async () => {
    const live = await collect({}, 1, 15_000, () => notify('G/TBT/N/MWI/501'));
    expect(live.events.map((e) => e.symbol)).toEqual(['G/TBT/N/MWI/501']);
    const seen = live.events[0]!.id;
    expect(seen).toMatch(/^\d+$/);

    // Two alerts while the client is away.
    await notify('G/TBT/N/MWI/502');
    await notify('G/TBT/N/MWI/503');
    const deadline = Date.now() + 15_000;
    while ((await centre.get('/exporters/sse-paints/alerts')).body.length < 3 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 100));

    const resumed = await collect({ 'last-event-id': seen }, 2);
    expect(resumed.events.map((e) => e.symbol)).toEqual(['G/TBT/N/MWI/502', 'G/TBT/N/MWI/503']);
    expect(Number(resumed.events[0]!.id)).toBeGreaterThan(Number(seen));
    expect(Number(resumed.events[1]!.id)).toBeGreaterThan(Number(resumed.events[0]!.id));

    const fromStart = await collect({ 'last-event-id': '0' }, 3);
    expect(fromStart.events.map((e) => e.symbol)).toEqual([
      'G/TBT/N/MWI/501',
      'G/TBT/N/MWI/502',
      'G/TBT/N/MWI/503',
    ]);
  });

  it('refuses a Last-Event-ID this stream never sent, naming the header', async () => {
    const bad = await collect({ 'last-event-id': 'alr-xyz' }, 0);
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body).errors).toEqual([
      { field: 'header.last-event-id', reason: 'not an event id of this stream' },
    ]);
  });
});
