// A flood from one key slows that key — 429 problem+json with Retry-After — while another key is
// served as before (the limit a department's script cannot push past).
import { ApiKeyStore, BaseConfig, createService, listen, parseConfig } from '@highland/service-kit';
import { apiClient, messagingFixture, type MessagingFixture, serviceEnv, testNames } from '@highland/testing';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const names = testNames(import.meta.url);
let app: NestExpressApplication;
let fx: MessagingFixture;
let flooder: ReturnType<typeof apiClient>;
let other: ReturnType<typeof apiClient>;
let anonymous: ReturnType<typeof apiClient>;

beforeAll(async () => {
  const env = {
    ...(await serviceEnv(names, 'registry')),
    RATE_LIMIT_REQUESTS: '40',
    RATE_LIMIT_WINDOW_SECONDS: '30',
  };
  const { registryService } = await import('../../src/service.js');
  const config = parseConfig(BaseConfig, env);
  app = await createService(registryService(config));
  await listen(app, config);
  const base = `http://127.0.0.1:${env.PORT}`;
  fx = await messagingFixture(names);
  const keys = await ApiKeyStore.open(fx.nats, fx.topology);
  const a = await keys.create({ department: 'agriculture', scopes: ['registry:standards'], label: 'script' });
  const b = await keys.create({
    department: 'commerce',
    scopes: ['registry:standards'],
    label: 'clerk (front desk): Li',
  });
  keys.close();
  flooder = apiClient(base, a.key);
  other = apiClient(base, b.key);
  anonymous = apiClient(base);
  for (let i = 0; i < 50 && (await other.get('/health/ready')).status !== 200; i++)
    await new Promise((r) => setTimeout(r, 100));
});
afterAll(async () => {
  await app.close();
  await fx.dispose();
});

describe('rate limits', () => {
  it('answers a flooding key 429 with Retry-After, and keeps serving another key', async () => {
    // Wait until the service's key watcher knows both keys (they came from another connection).
    for (let i = 0; i < 50 && (await other.get('/standards')).status === 401; i++)
      await new Promise((r) => setTimeout(r, 100));
    const flood = await Promise.all(Array.from({ length: 80 }, () => flooder.get('/standards')));
    const statuses = flood.map((r) => r.status);
    expect(statuses.filter((s) => s === 200).length).toBeLessThanOrEqual(40);
    const limited = flood.filter((r) => r.status === 429);
    expect(limited.length).toBeGreaterThanOrEqual(40);
    expect(Number(limited[0]!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(limited[0]!.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(limited[0]!.body).toMatchObject({ status: 429, title: 'Too many requests' });
    // The other department is untouched by the flood (its key's label, free text, names the user).
    const served = await Promise.all(Array.from({ length: 10 }, () => other.get('/standards')));
    expect(served.map((r) => r.status)).toEqual(Array(10).fill(200));
    // Health probes are never limited.
    const probes = await Promise.all(Array.from({ length: 60 }, () => anonymous.get('/health/live')));
    expect(probes.every((r) => r.status === 200)).toBe(true);
  });
});
