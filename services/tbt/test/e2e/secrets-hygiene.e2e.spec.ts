// Secrets never leave where they belong: the TBT service runs as its own process, logging at
// trace level to a file and writing its spans to another, through a run that uses every path a
// secret travels (a profile with a webhook secret, refused profiles carrying one, an exporter key,
// a wrong key, a signed delivery, a receiver that always fails until the dead letter, the
// re-encryption call). Then everything the run wrote — the log, the spans, every event on the
// TBT stream and the dead-letter stream, the live alert messages, /metrics, and every answer it
// gave except the one that issues a key — is searched for each secret, and none is there.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { ApiKeyStore } from '@highland/service-kit';
import {
  messagingFixture,
  type MessagingFixture,
  serviceEnv,
  startServiceProcess,
  type ServiceProcess,
  testNames,
} from '@highland/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSecretKey } from '../../src/adapters/secret-box.js';
import { verifyWebhook } from '../../src/adapters/webhook-signature.js';
import { paintsNotification } from '../fixtures/paints-notification.js';

const names = testNames(import.meta.url);
const logDir = join(import.meta.dirname, '..', '..', '..', '..', 'test-artifacts', 'tbt-secrets', names.db);
const webhookSecret = 'whsec_hygiene_paints_5f2d8a91c3e7';
const brokenSecret = 'whsec_hygiene_broken_0b6e4d27a918';
const refusedSecret = 'whsec_hygiene_refused_77c1e09f3b';
const shortSecret = 'sh0rt_4e1c9a'; // under 16 characters: refused, must not be echoed either
const secretsKey = generateSecretKey();
let tbt: ServiceProcess;
let fx: MessagingFixture;
let officeKey = '';
let centreKey = '';
let exporterKey = '';
const servers: Server[] = [];
const received: Array<{ headers: IncomingMessage['headers']; body: string }> = [];
/** Every answer the service gave (status, headers and body as text), but the one issuing a key. */
const answers: string[] = [];
const announced: string[] = [];

const until = async (what: string, check: () => boolean | Promise<boolean>, ms = 30_000) => {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
};

async function receiver(status: number): Promise<number> {
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      if (status < 300) received.push({ headers: req.headers, body });
      res.writeHead(status).end();
    });
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return (server.address() as AddressInfo).port;
}

/** A call whose whole answer is kept for the search. */
async function call(method: string, path: string, key: string | undefined, body?: unknown) {
  const res = await fetch(`${tbt.url}${path}`, {
    method,
    headers: {
      ...(key ? { authorization: `Bearer ${key}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  answers.push(`${method} ${path} ${res.status}\n${JSON.stringify([...res.headers])}\n${text}`);
  return { status: res.status, text };
}

/** Every message of a stream, subject, headers and data, as text. */
async function streamText(stream: string): Promise<{ count: number; text: string }> {
  const info = await fx.nats.jsm.streams.info(stream);
  const out: string[] = [];
  for (let seq = info.state.first_seq; seq <= info.state.last_seq && info.state.messages > 0; seq++) {
    const m = await fx.nats.jsm.streams.getMessage(stream, { seq }).catch(() => undefined);
    if (!m) continue;
    const headers = m.header ? m.header.keys().map((k) => `${k}: ${m.header.get(k)}`) : [];
    out.push(`${m.subject}\n${headers.join('\n')}\n${new TextDecoder().decode(m.data)}`);
  }
  return { count: out.length, text: out.join('\n') };
}

beforeAll(async () => {
  mkdirSync(logDir, { recursive: true });
  const paintsPort = await receiver(204);
  const brokenPort = await receiver(500);
  const env = await serviceEnv(names, 'tbt');
  officeKey = env.HIGHLAND_BOOTSTRAP_OFFICE_KEY;
  fx = await messagingFixture(names);
  const keys = await ApiKeyStore.open(fx.nats, fx.topology);
  centreKey = (
    await keys.create({ department: 'tbt-centre', scopes: ['tbt:notifications'], label: 'hygiene' })
  ).key;
  keys.close();
  fx.nats.nc.subscribe(`${fx.topology.namespace}.tbt.alerts.>`, {
    callback: (_err, m) => void announced.push(m.string()),
  });
  tbt = await startServiceProcess(
    'tbt',
    {
      ...env,
      LOG_LEVEL: 'trace',
      HIGHLAND_TRACE_FILE: join(logDir, 'spans.jsonl'),
      TBT_SECRETS_KEY: `k1:${secretsKey}`,
      TBT_WEBHOOK_ALLOWED_HOSTS: '127.0.0.1',
      TBT_WEBHOOK_BACKOFF_MS: '200,200',
    },
    logDir,
  );
  for (let i = 0; i < 50 && (await call('GET', '/notifications', centreKey)).status === 401; i++)
    await new Promise((r) => setTimeout(r, 100));

  const profile = (exporterId: string, port: number, secret: string) => ({
    exporterId,
    enterprise: `${exporterId} Co`,
    hs: ['3208'],
    markets: ['MWI'],
    delivery: { webhookUrl: `http://127.0.0.1:${port}/hooks`, webhookSecret: secret, digest: 'daily' },
  });
  expect(
    (await call('POST', '/exporters', centreKey, profile('paints', paintsPort, webhookSecret))).status,
  ).toBe(201);
  expect(
    (await call('POST', '/exporters', centreKey, profile('paints', paintsPort, webhookSecret))).status,
  ).toBe(200);
  expect(
    (await call('POST', '/exporters', centreKey, profile('broken', brokenPort, brokenSecret))).status,
  ).toBe(201);
  // Refusals that carry a secret: a bad code, a target inside the network, a secret too short.
  const refused = { ...profile('refused', paintsPort, refusedSecret), hs: ['9999'] };
  expect((await call('POST', '/exporters', centreKey, refused)).status).toBe(400);
  const internal = profile('refused', paintsPort, refusedSecret);
  internal.delivery.webhookUrl = 'http://169.254.169.254/latest/meta-data/';
  expect((await call('POST', '/exporters', centreKey, internal)).status).toBe(400);
  expect(
    (await call('POST', '/exporters', centreKey, profile('refused', paintsPort, shortSecret))).status,
  ).toBe(400);

  // The one answer that shows a key, once: not kept for the search.
  const issued = await fetch(`${tbt.url}/exporters/paints/keys`, {
    method: 'POST',
    headers: { authorization: `Bearer ${centreKey}` },
  });
  exporterKey = ((await issued.json()) as { key: string }).key;
  for (let i = 0; i < 50 && (await call('GET', '/exporters/paints', exporterKey)).status === 401; i++)
    await new Promise((r) => setTimeout(r, 100));
  expect((await call('GET', '/exporters/paints', `${exporterKey}x`)).status).toBe(401);
  expect((await call('GET', '/exporters/paints', `${centreKey}x`)).status).toBe(401);
  expect((await call('GET', '/concerns', exporterKey)).status).toBe(403);
  expect((await call('GET', '/exporters/broken', exporterKey)).status).toBe(404);
  const notification = paintsNotification('G/TBT/N/MWI/901');
  expect((await call('POST', '/notifications', centreKey, notification)).status).toBe(200);
  await until('the signed delivery', () => received.length >= 1);
  await until('the failing receiver given up', async () => {
    const { text } = await call('GET', '/exporters/broken/alerts', centreKey);
    return text.includes('dead-lettered');
  });
  await call('GET', '/exporters/paints/alerts', exporterKey);
  await call('GET', '/exporters/paints/deliveries', exporterKey);
  await call('GET', '/exporters/broken/deliveries', centreKey);
  await call('GET', '/alerts', centreKey);
  expect((await call('POST', '/admin/webhook-secrets/re-encrypt', officeKey)).status).toBe(200);
  expect((await call('GET', '/metrics', undefined)).status).toBe(200);
  await until('the live alerts', () => announced.length >= 2);
  await tbt.stop(); // flushes the log
}, 180_000);

afterAll(async () => {
  for (const s of servers) s.close();
  await tbt?.stop();
  await fx?.dispose();
});

describe('secrets in what a run wrote', () => {
  it('signed the delivery with the secret it never shows', () => {
    const hook = received[0]!;
    expect(verifyWebhook(String(hook.headers['highland-signature']), hook.body, webhookSecret).ok).toBe(true);
  });

  it('finds no secret in the logs, spans, events, dead letters, live alerts, /metrics or any answer', async () => {
    const log = readFileSync(tbt.logFile, 'utf8');
    const spansFile = join(logDir, 'spans.jsonl');
    const spans = existsSync(spansFile) ? readFileSync(spansFile, 'utf8') : '';
    const events = await streamText(fx.topology.eventStream('tbt').name);
    const deadLetters = await streamText(fx.topology.dlqStream().name);
    // The search looks where something was written: the log at trace level, one event per change.
    expect(log).toContain('/exporters');
    expect(log.split('\n').length).toBeGreaterThan(20);
    expect(spans).toContain('POST');
    expect(events.text).toContain('tbt.exporter-profile-recorded');
    expect(events.text).toContain('dead-lettered');
    expect(deadLetters.count).toBeGreaterThanOrEqual(1);
    expect(answers.find((a) => a.startsWith('GET /metrics'))).toContain('# HELP');

    const written: Record<string, string> = {
      log,
      spans,
      events: events.text,
      'dead letters': deadLetters.text,
      'live alerts': announced.join('\n'),
      answers: answers.join('\n'),
    };
    const secrets: Record<string, string> = {
      'webhook secret': webhookSecret,
      'webhook secret (base64)': Buffer.from(webhookSecret).toString('base64'),
      'webhook secret (hex)': Buffer.from(webhookSecret).toString('hex'),
      "failing receiver's secret": brokenSecret,
      "refused profile's secret": refusedSecret,
      "refused profile's short secret": shortSecret,
      'centre API key': centreKey,
      'exporter API key': exporterKey,
      'office key': officeKey,
      'secrets key': secretsKey,
    };
    const found: string[] = [];
    for (const [where, text] of Object.entries(written))
      for (const [what, value] of Object.entries(secrets))
        if (text.includes(value)) found.push(`${what} in ${where}`);
    expect(found).toEqual([]);
  });
});
