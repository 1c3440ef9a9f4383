// Webhook secrets at rest, against the running service and the real store: the stored document
// holds no trace of the secret, deliveries are still signed with it, a rotated key still opens
// old secrets, re-encryption moves them to the new key, and the old key can then go. Without a
// configured key (development), a per-database key is made once and kept.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiKeyStore, createService, listen, MONGO, parseConfig } from '@highland/service-kit';
import {
  apiClient,
  messagingFixture,
  type MessagingFixture,
  type ServiceEnv,
  serviceEnv,
  testNames,
} from '@highland/testing';
import type { NestExpressApplication } from '@nestjs/platform-express';
import mongoose, { type Connection } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSecretKey, SecretBox } from '../../src/adapters/secret-box.js';
import { verifyWebhook } from '../../src/adapters/webhook-signature.js';
import { TbtConfig } from '../../src/config.js';
import { localSecretsKey, WebhookSecrets } from '../../src/delivery/secrets.js';
import { paintsNotification } from '../fixtures/paints-notification.js';

const names = testNames(import.meta.url);
const secret = 'whsec_rotation_0123456789abcdef';
const k2024 = generateSecretKey();
const k2025 = generateSecretKey();
let env: ServiceEnv;
let fx: MessagingFixture;
let tbt: NestExpressApplication | undefined;
let centre: ReturnType<typeof apiClient>;
let office: ReturnType<typeof apiClient>;
let receiver: Server;
let port = 0;
const received: Array<{ headers: IncomingMessage['headers']; body: string }> = [];

const until = async (what: string, check: () => boolean | Promise<boolean>, ms = 20_000) => {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
};

/** (Re)starts the service on the same database and stream with these keys. */
async function start(keys: string): Promise<void> {
  await tbt?.close();
  const config = parseConfig(TbtConfig, {
    ...env,
    TBT_SECRETS_KEY: keys,
    TBT_WEBHOOK_ALLOWED_HOSTS: '127.0.0.1',
    TBT_WEBHOOK_BACKOFF_MS: '200,200,200',
  });
  const { tbtService } = await import('../../src/service.js');
  tbt = await createService(tbtService(config));
  await listen(tbt, config);
}

type StoredSecret = Record<string, unknown> & { sealed: { kid: string; ct: string } };
const storedSecret = async () =>
  (await tbt!
    .get<Connection>(MONGO)
    .db!.collection<StoredSecret>('webhook_secrets')
    .findOne({ _id: 'paints' as never }))!;

let symbol = 0;
/** A notification for the paints profile, and the signed webhook it brings. */
async function deliverOne(): Promise<{ headers: IncomingMessage['headers']; body: string }> {
  const before = received.length;
  const res = await centre.post(
    '/notifications',
    paintsNotification(`G/TBT/N/MWI/8${String(++symbol).padStart(2, '0')}`),
  );
  expect(res.status).toBe(200);
  await until('a webhook', () => received.length > before);
  return received[received.length - 1]!;
}

beforeAll(async () => {
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  port = (receiver.address() as AddressInfo).port;
  env = await serviceEnv(names, 'tbt');
  await start(`k2024:${k2024}`);
  fx = await messagingFixture(names);
  const keys = await ApiKeyStore.open(fx.nats, fx.topology);
  const centreKey = await keys.create({
    department: 'tbt-centre',
    scopes: ['tbt:notifications'],
    label: 'secrets',
  });
  keys.close();
  centre = apiClient(`http://127.0.0.1:${env.PORT}`, centreKey.key);
  office = apiClient(`http://127.0.0.1:${env.PORT}`, env.HIGHLAND_BOOTSTRAP_OFFICE_KEY);
  for (let i = 0; i < 50 && (await centre.get('/notifications')).status === 401; i++)
    await new Promise((r) => setTimeout(r, 100));
});
afterAll(async () => {
  receiver?.closeAllConnections();
  receiver?.close();
  await tbt?.close();
  await fx?.dispose();
});

describe('webhook secrets at rest', () => {
  it('stores no trace of the secret, and still signs with it', async () => {
    const recorded = await centre.post('/exporters', {
      exporterId: 'paints',
      enterprise: 'Chongqing Sanxia Paints',
      hs: ['3208'],
      markets: ['MWI'],
      delivery: { webhookUrl: `http://127.0.0.1:${port}/hooks`, webhookSecret: secret },
    });
    expect(recorded.status).toBe(201);
    const doc = await storedSecret();
    const raw = JSON.stringify(doc);
    for (const trace of [secret, Buffer.from(secret).toString('base64'), Buffer.from(secret).toString('hex')])
      expect(raw).not.toContain(trace);
    expect(doc).not.toHaveProperty('secret');
    expect(doc.sealed).toMatchObject({ alg: 'A256GCM', kid: 'k2024' });

    const hook = await deliverOne();
    expect(verifyWebhook(String(hook.headers['highland-signature']), hook.body, secret).ok).toBe(true);
  });

  it('opens old secrets under a rotated key, re-encrypts them, then needs the old key no more', async () => {
    await start(`k2025:${k2025},k2024:${k2024}`);
    const afterRotation = await deliverOne(); // a fresh process: read from the store, old key
    expect(
      verifyWebhook(String(afterRotation.headers['highland-signature']), afterRotation.body, secret).ok,
    ).toBe(true);
    const before = await storedSecret();
    expect(before.sealed.kid).toBe('k2024');

    expect((await centre.post('/admin/webhook-secrets/re-encrypt')).status).toBe(403); // the office only
    const res = await office.post('/admin/webhook-secrets/re-encrypt');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ currentKeyId: 'k2025', reencrypted: 1, current: 0, failed: [] });
    expect(JSON.stringify(res.body)).not.toContain(secret);
    const after = await storedSecret();
    expect(after.sealed.kid).toBe('k2025');
    expect(after.sealed.ct).not.toBe(before.sealed.ct);
    expect(JSON.stringify(after)).not.toContain(secret);
    expect((await office.post('/admin/webhook-secrets/re-encrypt')).body).toMatchObject({
      reencrypted: 0,
      current: 1,
    });

    await start(`k2025:${k2025}`);
    const afterRemoval = await deliverOne();
    expect(
      verifyWebhook(String(afterRemoval.headers['highland-signature']), afterRemoval.body, secret).ok,
    ).toBe(true);
  });

  it('without a configured key, makes one per database once (every replica reads the same) and encrypts with it', async () => {
    const url = new URL(env.MONGO_URL);
    url.pathname = `${url.pathname}_dev`;
    const mongo = await mongoose.createConnection(url.toString()).asPromise();
    try {
      const [a, b] = await Promise.all([localSecretsKey(mongo), localSecretsKey(mongo)]);
      expect(a).toEqual(b);
      expect(a.id).toBe('local');
      expect(await mongo.db!.collection('keys').countDocuments()).toBe(1);
      await new WebhookSecrets(mongo, new SecretBox([a])).set('cocoa', secret);
      const raw = await mongo.db!.collection('webhook_secrets').findOne({ _id: 'cocoa' as never });
      expect(JSON.stringify(raw)).not.toContain(secret);
      // A restarted replica: the same key again, a fresh cache, the secret read back.
      const again = new WebhookSecrets(mongo, new SecretBox([await localSecretsKey(mongo)]));
      expect(await again.get('cocoa')).toBe(secret);
    } finally {
      await mongo.dropDatabase();
      await mongo.close();
    }
  });

  it('reads a secret stored in plain text before encryption, and encrypts it on the spot', async () => {
    const col = tbt!.get<Connection>(MONGO).db!.collection('webhook_secrets');
    await col.insertOne({ _id: 'legacy' as never, secret, updatedAt: new Date() });
    const secrets = tbt!.get(WebhookSecrets);
    expect(await secrets.get('legacy')).toBe(secret);
    const doc = await col.findOne({ _id: 'legacy' as never });
    expect(doc).not.toHaveProperty('secret');
    expect(JSON.stringify(doc)).not.toContain(secret);
    expect(doc?.sealed).toMatchObject({ kid: 'k2025' });
  });
});
