// TBT end to end in-process against real NATS and the store: the real ePing sample imported,
// matched (with explanations, and inferred from the registry), delivered by signed webhooks to a
// real local HTTP server (including a receiver that is down, then up), acknowledged, reminded.
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { join } from 'node:path';
import { freePort } from '@highland/infra';
import { listDeadLetters, readAggregateHistory } from '@highland/messaging';
import { ApiKeyStore, BaseConfig, createService, listen, parseConfig } from '@highland/service-kit';
import { apiClient, messagingFixture, type MessagingFixture, serviceEnv, testNames } from '@highland/testing';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyWebhook } from '../../src/adapters/webhook-signature.js';
import { TbtConfig } from '../../src/config.js';
import { day, paintsNotification } from '../fixtures/paints-notification.js';

const names = testNames(import.meta.url);
const sample = readFileSync(join(import.meta.dirname, '..', 'fixtures', 'notifications-sample.csv'), 'utf8');
let tbt: NestExpressApplication;
let registry: NestExpressApplication;
let fx: MessagingFixture;
let centre: ReturnType<typeof apiClient>;
let reg: ReturnType<typeof apiClient>;
let base: string;
let tbtMongoUrl: string;
const received = new Map<string, Array<{ headers: IncomingMessage['headers']; body: string }>>();
const servers: Server[] = [];
let cocoaPort: number;

function receiver(name: string, port: number): Promise<Server> {
  received.set(name, received.get(name) ?? []);
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      received.get(name)!.push({ headers: req.headers, body });
      res.writeHead(204).end();
    });
  });
  servers.push(server);
  return new Promise((r) => server.listen(port, '127.0.0.1', () => r(server)));
}

const until = async (what: string, check: () => boolean | Promise<boolean>, ms = 20_000) => {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
};

beforeAll(async () => {
  const tbtEnv = await serviceEnv(names, 'tbt');
  const regEnv = {
    ...(await serviceEnv(names, 'registry')),
    HIGHLAND_BOOTSTRAP_OFFICE_KEY: tbtEnv.HIGHLAND_BOOTSTRAP_OFFICE_KEY,
  };
  officeKey = tbtEnv.HIGHLAND_BOOTSTRAP_OFFICE_KEY;
  tbtMongoUrl = tbtEnv.MONGO_URL;
  const tbtConfig = parseConfig(TbtConfig, {
    ...tbtEnv,
    // The receivers listen on 127.0.0.1: the office allows that host explicitly (SSRF allow-list).
    TBT_WEBHOOK_ALLOWED_HOSTS: '127.0.0.1',
    // Fast retries, and the outbox among the test artifacts.
    TBT_WEBHOOK_BACKOFF_MS: '300,300,300,300,300,300,300,300',
    TBT_OUTBOX_DIR: join(
      import.meta.dirname,
      '..',
      '..',
      '..',
      '..',
      'test-artifacts',
      'tbt-outbox',
      names.db,
    ),
  });
  const { tbtService } = await import('../../src/service.js');
  const { registryService } = await import('@highland/registry');
  registry = await createService(registryService(parseConfig(BaseConfig, regEnv)));
  await listen(registry, parseConfig(BaseConfig, regEnv));
  tbt = await createService(tbtService(tbtConfig));
  await listen(tbt, tbtConfig);
  base = `http://127.0.0.1:${tbtEnv.PORT}`;
  fx = await messagingFixture(names);
  const keys = await ApiKeyStore.open(fx.nats, fx.topology);
  const centreKey = await keys.create({
    department: 'tbt-centre',
    scopes: ['tbt:notifications'],
    label: 'wang.fang',
  });
  keys.close();
  centre = apiClient(base, centreKey.key);
  reg = apiClient(`http://127.0.0.1:${regEnv.PORT}`, regEnv.HIGHLAND_BOOTSTRAP_OFFICE_KEY);
  for (let i = 0; i < 50 && (await centre.get('/notifications')).status === 401; i++)
    await new Promise((r) => setTimeout(r, 100));
  await receiver('paints', await freePort().then(async (p) => ((paintsPort = p), p)));
  cocoaPort = await freePort(); // nobody listens here yet
  // A receiver that always fails: its alerts are given up after the last retry.
  const broken = createServer((req, res) => {
    brokenAttempts++;
    req.resume();
    req.on('end', () => res.writeHead(500).end('down for maintenance'));
  });
  servers.push(broken);
  brokenPort = await freePort();
  await new Promise<void>((r) => broken.listen(brokenPort, '127.0.0.1', () => r()));
});
let brokenPort = 0;
let brokenAttempts = 0;
let paintsPort = 0;
let officeKey = '';
afterAll(async () => {
  for (const s of servers) s.close();
  await tbt?.close();
  await registry?.close();
  await fx.dispose();
});

const paintsSecret = 'whsec_paints_0123456789abcdef';

describe('TBT alerts', () => {
  it('retries webhooks as configured: 8 delays, so 9 attempts before the dead letter', async () => {
    const info = await fx.nats.jsm.consumers.info(fx.topology.eventStream('tbt').name, 'tbt-webhooks');
    expect(info.config.max_deliver).toBe(9);
  });

  it('refuses a profile with unknown HS codes or markets, naming the field', async () => {
    const res = await centre.post('/exporters', {
      exporterId: 'bad',
      enterprise: 'Bad Co',
      hs: ['9999'],
      markets: ['XXX'],
    });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].field).toMatch(/^body\.hs/);
  });

  it('imports the real ePing sample, matches with explanations, and delivers signed webhooks', async () => {
    expect(
      (
        await centre.post('/exporters', {
          exporterId: 'paints',
          enterprise: 'Chongqing Sanxia Paints',
          hs: ['3208'],
          markets: ['MWI'],
          delivery: {
            webhookUrl: `http://127.0.0.1:${paintsPort}/hooks`,
            webhookSecret: paintsSecret,
            digest: 'daily',
          },
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await centre.post('/exporters', {
          exporterId: 'cocoa',
          enterprise: 'Sanjiang Foods',
          hs: ['1803'],
          markets: ['UKR'],
          delivery: {
            webhookUrl: `http://127.0.0.1:${cocoaPort}/in`,
            webhookSecret: 'whsec_cocoa_0123456789abcdef',
          },
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await centre.post('/exporters', {
          exporterId: 'broken',
          enterprise: 'Broken Receiver Paints',
          hs: ['3208'],
          markets: ['MWI'],
          delivery: {
            webhookUrl: `http://127.0.0.1:${brokenPort}/hooks`,
            webhookSecret: 'whsec_broken_0123456789abcdef',
          },
        })
      ).status,
    ).toBe(201);
    // An enterprise with no profile, but a registered standard in ICS 71.100.70 (cosmetics).
    expect(
      (
        await reg.post('/standards', {
          code: 'Q/CQHZ 001-2024',
          title: { zh: '凡士林' },
          ics: ['71.100.70'],
          sector: 'chemicals',
          work: { kind: 'existing' },
          stage: 'published',
          publishedOn: '2024-01-01',
          leadOrganisation: 'Chongqing Cosmetics',
        })
      ).status,
    ).toBe(201);

    const sub = fx.nats.nc.subscribe(`${fx.topology.namespace}.tbt.alerts.paints`);
    await fx.nats.nc.flush();
    const imported = await centre.post('/notifications/import', sample, { 'content-type': 'text/csv' });
    expect(imported.status).toBe(200);
    expect(imported.body.rows).toBe(32);
    expect(imported.body.recorded + imported.body.unchanged).toBe(32 - imported.body.rejected);
    expect(imported.body.recorded).toBeGreaterThan(20);
    // Rows kept with remarks are counted as such, never as a plain success.
    const remarked = (imported.body.results as Array<{ warnings?: string[] }>).filter((r) => r.warnings);
    expect(imported.body.withRemarks).toBe(remarked.length);

    await until(
      'paint alerts',
      async () => ((await centre.get('/exporters/paints/alerts')).body as unknown[]).length >= 2,
    );
    const alerts = (await centre.get('/exporters/paints/alerts')).body as Array<{
      member: string;
      reasons: Array<{ rule: string; profileValue: string; notificationValue: string }>;
    }>;
    expect(alerts.every((a) => a.member === 'MWI')).toBe(true);
    const hs = alerts.flatMap((a) => a.reasons.filter((r) => r.rule === 'hs'));
    expect(hs).toContainEqual(expect.objectContaining({ profileValue: '3208', notificationValue: '32' }));

    await until('webhooks', () => received.get('paints')!.length >= alerts.length);
    for (const hook of received.get('paints')!) {
      const verified = verifyWebhook(String(hook.headers['highland-signature']), hook.body, paintsSecret);
      expect(verified.ok).toBe(true);
      expect(
        verifyWebhook(String(hook.headers['highland-signature']), `${hook.body} `, paintsSecret).ok,
      ).toBe(false);
    }
    // At rest the secret is sealed (AES-256-GCM): the raw document does not hold it.
    const mongo = await MongoClient.connect(tbtMongoUrl);
    try {
      const raw = await mongo
        .db()
        .collection('webhook_secrets')
        .findOne({ _id: 'paints' as never });
      expect(raw).toMatchObject({ sealed: { alg: 'A256GCM' } });
      expect(JSON.stringify(raw)).not.toContain(paintsSecret);
    } finally {
      await mongo.close();
    }
    const announced: string[] = [];
    for await (const m of sub) {
      announced.push(m.json<{ alertId: string }>().alertId);
      if (announced.length >= alerts.length) break;
    }
    expect(announced).toHaveLength(alerts.length);

    // Inferred: no profile, but the registry knows its standards.
    await until('inferred alert', async () =>
      (await fetchInferred()).some((a) => a.enterprise === 'Chongqing Cosmetics'),
    );
    const inferred = (await fetchInferred()).find((a) => a.enterprise === 'Chongqing Cosmetics')!;
    expect(inferred.reasons[0]).toMatchObject({ rule: 'ics', profileValue: '71.100.70' });
  });

  it('re-importing the same file changes nothing and raises no new alert', async () => {
    const before = ((await centre.get('/exporters/paints/alerts')).body as unknown[]).length;
    const again = await centre.post('/notifications/import', sample, { 'content-type': 'text/csv' });
    expect(again.body.recorded).toBe(0);
    await new Promise((r) => setTimeout(r, 500));
    expect(((await centre.get('/exporters/paints/alerts')).body as unknown[]).length).toBe(before);
  });

  it('retries a webhook whose receiver is down, then delivers once it is up', async () => {
    await until(
      'failed attempts',
      async () => ((await centre.get('/exporters/cocoa/deliveries')).body as unknown[]).length >= 2,
    );
    await receiver('cocoa', cocoaPort);
    await until('cocoa delivered', () => (received.get('cocoa')?.length ?? 0) >= 1);
    const log = (await centre.get('/exporters/cocoa/deliveries')).body as Array<{
      status?: number;
      error?: string;
    }>;
    expect(log.some((d) => d.error)).toBe(true);
    expect(log.some((d) => d.status === 204)).toBe(true);
    await until('delivery recorded', async () =>
      ((await centre.get('/exporters/cocoa/alerts')).body as Array<{ delivery?: { outcome: string } }>).some(
        (a) => a.delivery?.outcome === 'delivered',
      ),
    );
  });

  it('dead-letters a delivery after its last retry, and records the alert as dead-lettered', async () => {
    type Alert = { id: string; delivery?: { outcome: string; attempts: number; error?: string } };
    const alerts = async () => (await centre.get('/exporters/broken/alerts')).body as Alert[];
    await until(
      'dead-lettered',
      async () => {
        const list = await alerts();
        return list.length > 0 && list.every((a) => a.delivery?.outcome === 'dead-lettered');
      },
      40_000,
    );
    // The earliest fails on its receiver; a later one may give up first, waiting its turn.
    const given = await alerts();
    for (const a of given)
      expect(a.delivery).toMatchObject({
        outcome: 'dead-lettered',
        attempts: 9,
        error: expect.stringMatching(/HTTP 500|in-order delivery/) as string,
      });
    expect(given.some((a) => a.delivery?.error?.includes('HTTP 500'))).toBe(true);
    expect(brokenAttempts).toBeGreaterThanOrEqual(9);
    const letters = await listDeadLetters(fx.nats.jsm, fx.topology, 'tbt', 'tbt-webhooks');
    const ids = letters.map(
      (l) => (JSON.parse(new TextDecoder().decode(l.data)) as { aggregate: { id: string } }).aggregate.id,
    );
    for (const a of await alerts()) expect(ids).toContain(a.id);
    // Giving up is an event with its actor and reason, like every state change.
    const history = await readAggregateHistory(fx.nats, fx.topology, 'tbt', given[0]!.id);
    const deadLettered = history.map((h) => h.event).find((e) => e.type === 'tbt.alert-delivered');
    expect(deadLettered).toMatchObject({
      actor: { department: 'tbt-centre', user: 'highland matcher' },
      reason: expect.stringMatching(/^given up after 9 attempts: /) as string,
      data: { outcome: 'dead-lettered', attempts: 9 },
    });
  });

  it('isolates exporters, records acknowledgements and collects trade-concern candidates', async () => {
    const keys = await centre.post('/exporters/paints/keys');
    expect(keys.status).toBe(201);
    const paints = apiClient(base, keys.body.key as string);
    const cocoaKey = (await centre.post('/exporters/cocoa/keys')).body.key as string;
    const cocoa = apiClient(base, cocoaKey);
    for (let i = 0; i < 50 && (await paints.get('/exporters/paints')).status === 401; i++)
      await new Promise((r) => setTimeout(r, 100));
    const own = (await paints.get('/exporters/paints/alerts')).body as Array<{ id: string }>;
    expect(own.length).toBeGreaterThan(0);
    expect((await cocoa.get('/exporters/paints/alerts')).status).toBe(404);
    expect(
      (await cocoa.post(`/alerts/${own[0]!.id}/acknowledge`, { impact: 'low', action: 'ignore' })).status,
    ).toBe(404);
    expect((await paints.get('/concerns')).status).toBe(403);
    const answer = { impact: 'high', action: 'comment-via-enquiry-point', tradeConcernCandidate: true };
    const ack = await paints.post(`/alerts/${own[0]!.id}/acknowledge`, answer);
    expect(ack.status).toBe(201);
    expect(ack.body).toMatchObject({
      id: own[0]!.id,
      status: 'recorded',
      event: { type: 'tbt.alert-acknowledged' },
      item: { acknowledgement: answer },
    });
    const again = await paints.post(`/alerts/${own[0]!.id}/acknowledge`, answer);
    expect([again.status, again.body.status]).toEqual([200, 'unchanged']);
    const bad = await paints.post(`/alerts/${own[0]!.id}/acknowledge`, { impact: 'huge', action: 'pray' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'body.action',
      'body.impact',
    ]);
    const concerns = (await centre.get('/concerns')).body as Array<{ id: string }>;
    expect(concerns.map((c) => c.id)).toContain(own[0]!.id);
  });

  it('reports bad rows with their line and reason while good rows go in', async () => {
    const lines = sample.split('\n');
    const broken = [
      lines[0],
      lines[2]!.replace('2025-06-10', '2025-13-45'),
      lines[4]!.replace('3210 - ', '9999 - '),
    ].join('\n');
    const res = await centre.post('/notifications/import', broken, { 'content-type': 'text/csv' });
    expect(res.status).toBe(200);
    const rejected = (
      res.body.results as Array<{ line: number; status: string; errors?: Array<{ field: string }> }>
    ).filter((r) => r.status === 'rejected');
    expect(rejected.map((r) => r.line)).toEqual([2, 3]);
    const noColumns = await centre.post('/notifications/import', 'a,b\n1,2', { 'content-type': 'text/csv' });
    expect(noColumns.status).toBe(400);
  });

  it('reminds 30 and 7 days before the deadline, once each, and reschedules when an addendum moves it', async () => {
    const deadline = day(40);
    const notification = paintsNotification('G/TBT/N/MWI/999', deadline);
    expect((await centre.post('/notifications', notification)).status).toBe(200);
    await until('alert for G/TBT/N/MWI/999', async () =>
      ((await centre.get('/exporters/paints/alerts')).body as Array<{ symbol?: string }>).some(
        (a) => a.symbol === 'G/TBT/N/MWI/999',
      ),
    );
    const at = (date: string, daysBefore: number) =>
      new Date(Date.parse(`${date}T12:00:00+08:00`) - daysBefore * 86_400_000).toISOString();
    expect((await centre.post(`/admin/tick?now=${encodeURIComponent(at(deadline, 30))}`)).status).toBe(403); // only the office drives the clock
    const office = apiClient(base, officeKey);
    // Paints' reminders (another exporter, 'broken', matches the same notification).
    const tick = async (now: string) => {
      const paints = new Set(
        ((await centre.get('/exporters/paints/alerts')).body as Array<{ id: string }>).map((a) => a.id),
      );
      return (
        (await office.post(`/admin/tick?now=${encodeURIComponent(now)}`)).body as {
          reminders: Array<{ alertId: string; key: string }>;
        }
      ).reminders
        .filter((r) => paints.has(r.alertId))
        .map((r) => r.key);
    };
    expect(await tick(at(deadline, 31))).toEqual([]);
    expect(await tick(at(deadline, 30))).toEqual([`${deadline}:30d`]);
    expect(await tick(at(deadline, 29))).toEqual([]); // once only
    const moved = day(60);
    const addendum = {
      ...notification,
      documentSymbol: 'G/TBT/N/MWI/999/Add.1',
      distributionDate: day(0),
      title: 'Extension of the comment period',
      description: `The final date for comments is extended to ${moved}.`,
      finalDateForComments: moved,
      notificationType: 'Addendum to Regular Notification',
    };
    expect((await centre.post('/notifications', addendum)).status).toBe(200);
    await until('thread deadline moved', async () =>
      ((await centre.get('/notifications')).body as Array<{ symbol?: string; deadline?: string }>).some(
        (t) => t.symbol === 'G/TBT/N/MWI/999' && t.deadline === moved,
      ),
    );
    // On the old deadline's 7-day mark, 27 days are left on the new one: its 30-day reminder goes out.
    expect(await tick(at(deadline, 7))).toEqual([`${moved}:30d`]);
    expect(await tick(at(moved, 30))).toEqual([]);
    expect(await tick(at(moved, 7))).toEqual([`${moved}:7d`]);
  });
});

async function fetchInferred(): Promise<
  Array<{ enterprise: string; inferred: boolean; reasons: Array<{ rule: string; profileValue: string }> }>
> {
  const res = await centre.get('/alerts?inferred=true');
  return res.status === 200
    ? (res.body as Array<{
        enterprise: string;
        inferred: boolean;
        reasons: Array<{ rule: string; profileValue: string }>;
      }>)
    : [];
}
