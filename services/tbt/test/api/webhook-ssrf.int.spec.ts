// Webhook SSRF, against the running API: with no host allowed by the office, a profile aimed at
// loopback, link-local or a localhost name is refused when it is recorded, and a name that
// resolves to loopback (through the test's own lookup, standing in for DNS rebinding) is refused
// when it is connected to: the delivery is logged as failed and the local listener sees nothing.
// Nothing here sends traffic anywhere but 127.0.0.1.
import type { LookupAddress } from 'node:dns';
import { createServer, type Server } from 'node:http';
import type { AddressInfo, LookupFunction } from 'node:net';
import { ApiKeyStore, createService, listen, parseConfig } from '@highland/service-kit';
import { apiClient, messagingFixture, type MessagingFixture, serviceEnv, testNames } from '@highland/testing';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TbtConfig } from '../../src/config.js';
import { paintsNotification } from '../fixtures/paints-notification.js';

const names = testNames(import.meta.url);
let tbt: NestExpressApplication;
let fx: MessagingFixture;
let centre: ReturnType<typeof apiClient>;
let listener: Server;
let port = 0;
let connections = 0;
let requests = 0;

/** The attacker's name: public-looking, resolving to loopback. Unknown names do not resolve. */
const REBOUND = 'hooks.exporter.test';
const testLookup: LookupFunction = (hostname, options, callback) => {
  const found: LookupAddress[] = hostname === REBOUND ? [{ address: '127.0.0.1', family: 4 }] : [];
  if (found.length === 0) {
    const err = Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    return options.all ? callback(err, []) : callback(err, '', undefined);
  }
  if (options.all) callback(null, found);
  else callback(null, found[0]!.address, found[0]!.family);
};

const until = async (what: string, check: () => boolean | Promise<boolean>, ms = 20_000) => {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
};

beforeAll(async () => {
  listener = createServer((req, res) => {
    requests++;
    req.resume();
    res.writeHead(204).end();
  });
  listener.on('connection', () => connections++);
  await new Promise<void>((r) => listener.listen(0, '127.0.0.1', r));
  port = (listener.address() as AddressInfo).port;

  const env = await serviceEnv(names, 'tbt');
  // No TBT_WEBHOOK_ALLOWED_HOSTS: the office allows no internal host.
  const config = parseConfig(TbtConfig, { ...env, TBT_WEBHOOK_BACKOFF_MS: '200,200' });
  const { tbtService } = await import('../../src/service.js');
  tbt = await createService(tbtService(config, { webhookLookup: testLookup }));
  await listen(tbt, config);
  fx = await messagingFixture(names);
  const keys = await ApiKeyStore.open(fx.nats, fx.topology);
  const centreKey = await keys.create({
    department: 'tbt-centre',
    scopes: ['tbt:notifications'],
    label: 'ssrf',
  });
  keys.close();
  centre = apiClient(`http://127.0.0.1:${env.PORT}`, centreKey.key);
  for (let i = 0; i < 50 && (await centre.get('/notifications')).status === 401; i++)
    await new Promise((r) => setTimeout(r, 100));
});
afterAll(async () => {
  listener?.closeAllConnections();
  listener?.close();
  await tbt?.close();
  await fx?.dispose();
});

const profile = (exporterId: string, webhookUrl: string) => ({
  exporterId,
  enterprise: 'Chongqing Sanxia Paints',
  hs: ['3208'],
  markets: ['MWI'],
  delivery: { webhookUrl, webhookSecret: 'whsec_ssrf_0123456789abcdef' },
});

describe('webhook targets (SSRF)', () => {
  it.each([
    ['loopback', () => `http://127.0.0.1:${port}/hooks`, /127\.0\.0\.1 is a loopback address/],
    [
      'cloud metadata',
      () => 'http://169.254.169.254/latest/meta-data/',
      /169\.254\.169\.254 is a link-local address/,
    ],
    ['loopback, decimal', () => `http://2130706433:${port}/hooks`, /127\.0\.0\.1 is a loopback address/],
    ['loopback, IPv4-mapped IPv6', () => `http://[::ffff:127.0.0.1]:${port}/hooks`, /loopback/],
    ['a private address', () => 'http://10.0.0.1/hooks', /a private address/],
    ['localhost', () => `http://localhost:${port}/hooks`, /localhost name/],
    [
      'credentials',
      () => 'https://user:secret@hooks.exporter.example/',
      /credentials do not belong in the URL/,
    ],
  ])('refuses a profile aimed at %s when it is recorded, naming the field and why', async (_, url, why) => {
    const res = await centre.post('/exporters', profile('ssrf-refused', url()));
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(res.body.errors).toEqual([
      { field: 'body.delivery.webhookUrl', reason: expect.stringMatching(why) },
    ]);
    expect((await centre.get('/exporters/ssrf-refused')).status).toBe(404);
  });

  it('refuses, when it connects, a name that resolves to loopback: logged as failed, never POSTed', async () => {
    expect(
      (await centre.post('/exporters', profile('rebound', `http://${REBOUND}:${port}/hooks`))).status,
    ).toBe(201);
    const notification = paintsNotification('G/TBT/N/MWI/777');
    expect((await centre.post('/notifications', notification)).status).toBe(200);
    await until(
      'a refused attempt',
      async () => ((await centre.get('/exporters/rebound/deliveries')).body as unknown[]).length >= 1,
    );
    const log = (await centre.get('/exporters/rebound/deliveries')).body as Array<{
      error?: string;
      status?: number | null;
    }>;
    expect(log[0]).toMatchObject({
      error: `refused: ${REBOUND} resolves to 127.0.0.1 is a loopback address`,
    });
    expect(log.every((d) => d.status === undefined || d.status === null)).toBe(true);
    const alerts = (await centre.get('/exporters/rebound/alerts')).body as Array<{
      delivery?: { outcome: string };
    }>;
    expect(alerts.some((a) => a.delivery?.outcome === 'delivered')).toBe(false);
    expect({ connections, requests }).toEqual({ connections: 0, requests: 0 });
  });
});
