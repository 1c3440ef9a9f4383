// A notification first recorded without its symbol (an ePing export read before the symbol column
// could be: identity `hash:…`) and imported again with it joins its symbol's thread and supersedes
// the earlier record: one thread listed, the earlier one hidden, and each exporter keeps one alert.
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

const until = async (what: string, check: () => boolean | Promise<boolean>, ms = 20_000) => {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
};

beforeAll(async () => {
  const env = await serviceEnv(names, 'tbt');
  const config = parseConfig(TbtConfig, env);
  const { tbtService } = await import('../../src/service.js');
  tbt = await createService(tbtService(config));
  await listen(tbt, config);
  fx = await messagingFixture(names);
  const keys = await ApiKeyStore.open(fx.nats, fx.topology);
  const centreKey = await keys.create({ department: 'tbt-centre', scopes: ['tbt:*'], label: 'rekey' });
  keys.close();
  centre = apiClient(`http://127.0.0.1:${env.PORT}`, centreKey.key);
  for (let i = 0; i < 50 && (await centre.get('/notifications')).status === 401; i++)
    await new Promise((r) => setTimeout(r, 100));
});
afterAll(async () => {
  await tbt?.close();
  await fx?.dispose();
});

describe('a notification recorded again once its symbol is known', () => {
  it('supersedes its content-hash record: one thread listed, one alert per exporter', async () => {
    const profile = await centre.post('/exporters', {
      exporterId: 'rekey-paints',
      enterprise: 'Chongqing Sanxia Paints',
      hs: ['3208'],
      markets: ['MWI'],
    });
    expect(profile.status).toBeLessThan(300);
    // Without a symbol, the type's (TBT) tag tells the area.
    const unnamed = { ...paintsNotification(''), notificationType: 'Regular notification (TBT)' };
    const first = await centre.post('/notifications', unnamed);
    expect(first.status).toBe(200);
    expect(first.body.recorded).toBe(1);
    await until(
      'the first alert',
      async () => (await centre.get('/exporters/rekey-paints/alerts')).body.length === 1,
    );
    const before = (await centre.get('/notifications')).body as Array<{ id: string }>;
    expect(before).toHaveLength(1);

    const named = await centre.post('/notifications', { ...unnamed, documentSymbol: 'G/TBT/N/MWI/77' });
    expect(named.status).toBe(200);
    expect(named.body.recorded).toBe(1);
    const after = (await centre.get('/notifications')).body as Array<{ id: string; symbol?: string }>;
    expect(after).toHaveLength(1);
    expect(after[0]!.id).not.toBe(before[0]!.id);
    const thread = (await centre.get(`/notifications/${after[0]!.id}`)).body;
    expect(JSON.stringify(thread)).toContain('"supersedes":"hash:');

    // The matcher ran for the new record too; the exporter still has its one alert.
    await new Promise((r) => setTimeout(r, 1_500));
    expect((await centre.get('/exporters/rekey-paints/alerts')).body).toHaveLength(1);

    // Imported again with its symbol: nothing changes.
    const again = await centre.post('/notifications', { ...unnamed, documentSymbol: 'G/TBT/N/MWI/77' });
    expect(again.body).toMatchObject({ recorded: 0, unchanged: 1 });
  });
});
