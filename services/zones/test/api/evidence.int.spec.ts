// Evidence files end to end in-process on real NATS (the JetStream object store) and the store:
// uploads stream in and download byte for byte; refused, oversized, mislabelled, corrupted and
// interrupted uploads leave nothing stored.
import { createHash, randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { ApiKeyStore, createService, listen, parseConfig } from '@highland/service-kit';
import { apiClient, messagingFixture, type MessagingFixture, serviceEnv, testNames } from '@highland/testing';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EvidenceStore } from '../../src/adapters/evidence-store.js';
import { ZonesConfig } from '../../src/config.js';
import { loquatZone } from '../fixtures.js';

const names = testNames(import.meta.url);
const MAX = 4 * 1024 * 1024;
let app: NestExpressApplication;
let fx: MessagingFixture;
let store: EvidenceStore;
let base: string;
let agriKey: string;
let commerceKey: string;
let zoneId: string;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pdf = (size: number) => Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(size - 9)]);
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

async function upload(
  body: Buffer | ReadableStream<Uint8Array>,
  query: string,
  headers: Record<string, string> = {},
  key = agriKey,
) {
  const res = await fetch(`${base}/zones/${zoneId}/evidence?${query}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/pdf', ...headers },
    body,
    ...(body instanceof Buffer ? {} : { duplex: 'half' }),
  } as RequestInit);
  return {
    status: res.status,
    body: (await res.json()) as { item: Record<string, string>; errors?: unknown },
  };
}

beforeAll(async () => {
  const env = await serviceEnv(names, 'zones');
  const config = parseConfig(ZonesConfig, { ...env, ZONES_EVIDENCE_MAX_BYTES: String(MAX) });
  const { zonesService } = await import('../../src/service.js');
  app = await createService(zonesService(config));
  await listen(app, config);
  base = `http://127.0.0.1:${env.PORT}`;
  store = app.get(EvidenceStore);
  fx = await messagingFixture(names);
  const keys = await ApiKeyStore.open(fx.nats, fx.topology);
  agriKey = (await keys.create({ department: 'agriculture', scopes: ['zones:zones'], label: 'li.wei' })).key;
  commerceKey = (await keys.create({ department: 'commerce', scopes: ['zones:zones'], label: 'wang' })).key;
  keys.close();
  const agriculture = apiClient(base, agriKey);
  for (let i = 0; i < 50 && (await apiClient(base, commerceKey).get('/zones')).status === 401; i++)
    await sleep(100);
  zoneId = (await agriculture.post('/zones', loquatZone)).body.id as string;
});
afterAll(async () => {
  await app?.close();
  await fx?.dispose();
});

describe('evidence files', () => {
  it('streams a file in with its checksum and serves it back byte for byte', async () => {
    const file = pdf(3 * 1024 * 1024 + 17);
    const res = await upload(file, 'name=task%20book.pdf&attachedTo=milestone&milestone=task-book', {
      'x-checksum-sha256': sha(file),
    });
    expect(res.status).toBe(201);
    expect(res.body.item).toMatchObject({
      fileName: 'task book.pdf',
      contentType: 'application/pdf',
      size: file.length,
      sha256: sha(file),
      attachedTo: 'milestone',
      milestone: 'task-book',
      attachedBy: { department: 'agriculture' },
    });
    const list = await apiClient(base, agriKey).get(`/zones/${zoneId}/evidence`);
    expect(list.body.items).toHaveLength(1);
    const down = await fetch(`${base}/zones/${zoneId}/evidence/${res.body.item.evidenceId}`, {
      headers: { authorization: `Bearer ${commerceKey}` },
    });
    expect(down.status).toBe(200);
    expect(down.headers.get('etag')).toBe(`"${sha(file)}"`);
    expect(down.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await down.arrayBuffer()).equals(file)).toBe(true);
  });

  it('refuses, naming the field, and stores nothing: another department, a wrong type, mislabelled bytes, a bad checksum, too large', async () => {
    const before = (await store.names()).length;
    const file = pdf(64 * 1024);
    const other = await upload(file, 'name=a.pdf', {}, commerceKey);
    expect(other.status).toBe(403);
    const type = await upload(file, 'name=a.exe', { 'content-type': 'application/x-msdownload' });
    expect(type).toMatchObject({ status: 422, body: { errors: [{ field: 'header.content-type' }] } });
    const png = await upload(file, 'name=a.png', { 'content-type': 'image/png' });
    expect(png).toMatchObject({ status: 422, body: { errors: [{ field: 'header.content-type' }] } });
    const corrupt = await upload(file, 'name=a.pdf', { 'x-checksum-sha256': sha(pdf(100)) });
    expect(corrupt).toMatchObject({ status: 422, body: { errors: [{ field: 'header.x-checksum-sha256' }] } });
    const declaredTooBig = await upload(pdf(MAX + 1), 'name=big.pdf');
    expect(declaredTooBig).toMatchObject({
      status: 422,
      body: { errors: [{ field: 'header.content-length' }] },
    });
    // no Content-Length: the limit is enforced on the bytes as they stream in
    const big = pdf(MAX + 100_000);
    const chunks = [big.subarray(0, 1_000_000), big.subarray(1_000_000, 3_000_000), big.subarray(3_000_000)];
    const streamed = await upload(
      new ReadableStream({
        pull(c) {
          const next = chunks.shift();
          if (next) c.enqueue(new Uint8Array(next));
          else c.close();
        },
      }),
      'name=big.pdf',
    );
    expect(streamed).toMatchObject({ status: 422, body: { errors: [{ field: 'body' }] } });
    const noInspection = await upload(file, 'name=a.pdf&attachedTo=inspection&inspection=3');
    expect(noInspection).toMatchObject({ status: 422, body: { errors: [{ field: 'query.inspection' }] } });
    expect((await store.names()).length).toBe(before);
    expect((await apiClient(base, agriKey).get(`/zones/${zoneId}/evidence`)).body.items).toHaveLength(1);
  });

  it('leaves nothing half-stored when the client is killed mid-upload', async () => {
    const before = await store.names();
    const bytes = await store.storedBytes();
    await new Promise<void>((resolve) => {
      const req = request(`${base}/zones/${zoneId}/evidence?name=killed.pdf`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${agriKey}`,
          'content-type': 'application/pdf',
          'content-length': String(3 * 1024 * 1024),
        },
      });
      req.on('error', () => resolve());
      req.write(pdf(1024 * 1024), () => setTimeout(() => req.destroy(), 200));
    });
    await sleep(1_000);
    expect(await store.names()).toEqual(before);
    // not even chunks of the first megabyte remain
    expect(await store.storedBytes()).toBe(bytes);
    expect((await apiClient(base, agriKey).get(`/zones/${zoneId}/evidence`)).body.items).toHaveLength(1);
  });
});
