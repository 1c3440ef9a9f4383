// The event backbone is not an open door (issue 16, item 5): a NATS started the way `./highland up`
// starts it admits only the platform's users, each with its own permissions. Tried as an attacker
// would: no credentials, unknown credentials, and another service's credentials, trying to publish
// the registry's events and to mint an office key in the API-key bucket.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventStreamName } from '@highland/contracts';
import { type Infra, freePort, startInfra } from '@highland/infra';
import { connectNats, KEYS_USER, type NatsHandle, OPERATOR_USER, Topology } from '@highland/messaging';
import {
  ApiKeyStore,
  BaseConfig,
  createService,
  hashApiKey,
  listen,
  parseConfig,
} from '@highland/service-kit';
import { apiClient, testNames } from '@highland/testing';
import { nkeys } from '@nats-io/nats-core';
import { Kvm } from '@nats-io/kv';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { loquat } from '../services/registry/test/fixtures.js';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';

const names = testNames(import.meta.url);
const topology = new Topology('');
const dataDir = mkdtempSync(join(tmpdir(), 'highland-nats-auth-'));
let infra: Infra;
let registry: NestExpressApplication;
let registryUrl: string;
const officeKey = `hl_test_office_${names.db}_0123456789abcdef`;
const open: NatsHandle[] = [];

const seed = (user: string) => join(infra.natsCredentialsDir!, `${user}.nk`);
async function as(user: string): Promise<NatsHandle> {
  const h = await connectNats({ url: infra.natsUrl, name: `attacker-${user}`, credentialsFile: seed(user) });
  open.push(h);
  return h;
}
const registryLastSeq = async (h: NatsHandle) =>
  (await h.jsm.streams.info(eventStreamName('registry'))).state.last_seq;

/** A well-formed event of the registry's, as the reproduced attack published it. */
function forgedEvent(): Uint8Array {
  return new TextEncoder().encode(
    JSON.stringify({
      id: '0192f0a0-0000-7000-8000-000000000001',
      type: 'registry.standard-registered',
      version: 1,
      aggregateId: 'std-forged',
      occurredAt: new Date().toISOString(),
      actor: { department: 'office', user: 'mallory' },
      data: { code: 'DB/T 999-2026', level: 'local' },
    }),
  );
}

/** Tries to put an office record under the hash of a key of the attacker's choosing. */
async function mintOfficeKey(h: NatsHandle, key: string): Promise<void> {
  const kv = await new Kvm(h.nc).open(ApiKeyStore.bucketName(topology));
  await kv.put(
    hashApiKey(key),
    JSON.stringify({
      department: 'office',
      scopes: ['*'],
      label: 'minted',
      createdAt: new Date().toISOString(),
    }),
    { timeout: 2_000 },
  );
}

beforeAll(async () => {
  // Only NATS is started here (the store is the harness's): the same call and users as `up`.
  infra = await startInfra({ dataDir, tiedToThisProcess: true, env: { MONGO_URL: inject('mongoUrl') } });
  const url = new URL(inject('mongoUrl'));
  url.pathname = `/${names.db}_registry`;
  const port = await freePort();
  const config = parseConfig(BaseConfig, {
    PORT: String(port),
    NATS_URL: infra.natsUrl,
    NATS_CREDENTIALS_FILE: seed('registry'),
    MONGO_URL: url.toString(),
    HIGHLAND_BOOTSTRAP_OFFICE_KEY: officeKey,
    LOG_LEVEL: 'warn',
  });
  const { registryService } = await import('@highland/registry');
  registry = await createService(registryService(config));
  await listen(registry, config);
  registryUrl = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  for (const h of open) await h.close().catch(() => undefined);
  await registry?.close();
  await infra?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('NATS authentication and per-service permissions', () => {
  it('refuses a connection without credentials, and one with a key it does not know', async () => {
    await expect(
      connectNats({ url: infra.natsUrl, name: 'anonymous', timeoutMs: 2_000 }).then((h) => open.push(h)),
    ).rejects.toThrow(/authorization/i);
    const stranger = join(dataDir, 'stranger.nk');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(stranger, new TextDecoder().decode(nkeys.createUser().getSeed()));
    await expect(
      connectNats({ url: infra.natsUrl, name: 'stranger', credentialsFile: stranger, timeoutMs: 2_000 }).then(
        (h) => open.push(h),
      ),
    ).rejects.toThrow(/authorization/i);
  });

  it('lets the registry record a standard under its own user (the allowed path works)', async () => {
    const office = apiClient(registryUrl, officeKey);
    const res = await office.post('/standards', loquat);
    expect(res.status).toBe(201);
    expect(await registryLastSeq(await as('registry'))).toBeGreaterThan(0);
  });

  for (const user of ['tbt', 'reporting', OPERATOR_USER]) {
    it(`refuses ${user}'s credentials publishing a registry event`, async () => {
      const h = await as(user);
      const before = await registryLastSeq(h);
      await expect(
        h.js.publish('registry.evt.standard-registered.v1.std-forged', forgedEvent(), { timeout: 2_000 }),
      ).rejects.toThrow();
      expect(await registryLastSeq(h)).toBe(before);
    });
  }

  for (const user of ['registry', 'tbt', 'reporting', OPERATOR_USER]) {
    it(`refuses ${user}'s credentials minting an office key, and the registry never accepts it`, async () => {
      const h = await as(user);
      const key = `hl_forged_${user}_${names.db}_padding`;
      await expect(mintOfficeKey(h, key)).rejects.toThrow();
      expect(
        await (await new Kvm(h.nc).open(ApiKeyStore.bucketName(topology))).get(hashApiKey(key)),
      ).toBeNull();
      expect((await apiClient(registryUrl, key).get('/standards')).status).toBe(401);
      // Nor by widening the bucket's stream to a subject it may publish to.
      const si = await h.jsm.streams.info(`KV_${ApiKeyStore.bucketName(topology)}`);
      await expect(
        h.jsm.streams.update(si.config.name, { subjects: [...si.config.subjects, `${user}.sneak`] }),
      ).rejects.toThrow();
    });
  }

  it('accepts a key created by the key administration user (the one write path)', async () => {
    const h = await as(KEYS_USER);
    const store = await ApiKeyStore.open(h, topology);
    try {
      const { key } = await store.create({ department: 'office', scopes: ['*'], label: 'nats-auth test' });
      const api = apiClient(registryUrl, key);
      const deadline = Date.now() + 5_000;
      let status = 0;
      while (Date.now() < deadline && (status = (await api.get('/standards')).status) === 401)
        await new Promise((r) => setTimeout(r, 50));
      expect(status).toBe(200);
    } finally {
      store.close();
    }
  });

  it('keeps the key user from publishing events', async () => {
    const h = await as(KEYS_USER);
    await expect(
      h.js.publish('registry.evt.standard-registered.v1.std-forged', forgedEvent(), { timeout: 2_000 }),
    ).rejects.toThrow();
  });
});
