// The registry's API end to end in-process against real NATS and the store: what a department
// posting every day relies on.
import { EnterpriseIcsV1, GetStandardV1, type RequestContract, type RequestOf } from '@highland/contracts';
import { listDeadLetters, requestReply } from '@highland/messaging';
import { createService, listen, parseConfig, ApiKeyStore, BaseConfig } from '@highland/service-kit';
import { apiClient, messagingFixture, type MessagingFixture, serviceEnv, testNames } from '@highland/testing';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { dataFileUrl } from '@highland/reference-data';
import { loquat } from '../fixtures.js';

const names = testNames(import.meta.url);
let app: NestExpressApplication;
let fx: MessagingFixture;
let office: ReturnType<typeof apiClient>;
let agriculture: ReturnType<typeof apiClient>;
let anonymous: ReturnType<typeof apiClient>;
let base: string;
let officeKey: string;

beforeAll(async () => {
  const env = await serviceEnv(names, 'registry');
  const { registryService } = await import('../../src/service.js');
  const config = parseConfig(BaseConfig, env);
  app = await createService(registryService(config));
  await listen(app, config);
  base = `http://127.0.0.1:${env.PORT}`;
  officeKey = env.HIGHLAND_BOOTSTRAP_OFFICE_KEY!;
  fx = await messagingFixture(names);
  const keys = await ApiKeyStore.open(fx.nats, fx.topology);
  const agri = await keys.create({
    department: 'agriculture',
    scopes: ['registry:standards'],
    label: 'li.wei',
  });
  keys.close();
  office = apiClient(base, env.HIGHLAND_BOOTSTRAP_OFFICE_KEY);
  agriculture = apiClient(base, agri.key);
  anonymous = apiClient(base);
  // the key was created by another connection: wait until the service's watcher has it
  for (let i = 0; i < 50 && (await agriculture.get('/standards')).status === 401; i++)
    await new Promise((r) => setTimeout(r, 100));
});
afterAll(async () => {
  await app.close();
  await fx.dispose();
});

describe('registry API', () => {
  it('records a standard with who did it, and serves it back by id and by code', async () => {
    const res = await agriculture.post('/standards', loquat, { 'x-highland-user': 'Li Wei' });
    expect(res.status).toBe(201);
    expect(res.body.item).toMatchObject({
      code: 'DB50/T 1234-2014',
      level: 'local',
      nature: 'recommended',
      stage: 'drafting',
    });
    expect(res.body.item.recordedBy).toEqual({ department: 'agriculture', user: 'Li Wei' });
    const byCode = await office.get(`/standards/${encodeURIComponent('db50/t 1234—2014')}`);
    expect(byCode.status).toBe(200);
    expect(byCode.body.id).toBe(res.body.id);
  });

  it('refuses a body that is not text (invalid UTF-8, a lone surrogate) and stores nothing', async () => {
    const before = (await office.get('/standards')).body.total as number;
    const json = JSON.stringify({ ...loquat, code: 'DB50/T 7777-2014', title: { zh: 'XX' } });
    const [head, tail] = json.split('XX') as [string, string];
    const bodies = [
      Buffer.concat([Buffer.from(head), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from(tail)]),
      Buffer.from(`${head}\\ud800${tail}`),
    ];
    for (const body of bodies) {
      const res = await fetch(`${base}/standards`, {
        method: 'POST',
        headers: { authorization: `Bearer ${officeKey}`, 'content-type': 'application/json' },
        body,
      });
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
      const problem = (await res.json()) as { errors: Array<{ field: string; reason: string }> };
      expect(problem.errors[0]).toMatchObject({
        field: 'body',
        reason: expect.stringMatching(/UTF-8|surrogate/) as string,
      });
    }
    expect((await office.get('/standards')).body.total).toBe(before);
  });

  it('refuses a body nested without bound with a 400 naming the body, also under an Idempotency-Key', async () => {
    // hashing the body for idempotency overflowed the stack: a 500 (found by the fuzz tier)
    for (const body of [
      '['.repeat(100_000) + ']'.repeat(100_000),
      '{"a":'.repeat(50_000) + '1' + '}'.repeat(50_000),
    ]) {
      const res = await fetch(`${base}/filings`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${officeKey}`,
          'content-type': 'application/json',
          'idempotency-key': 'deep-1',
        },
        body,
      });
      expect(res.status).toBe(400);
      const problem = (await res.json()) as { errors: Array<{ field: string; reason: string }> };
      expect(problem.errors[0]).toMatchObject({
        field: 'body',
        reason: expect.stringMatching(/nests deeper/) as string,
      });
    }
  });

  it('answers a path with a broken percent-escape 400, naming the path', async () => {
    const res = await office.get('/standards/%E0%A4%A');
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(res.body.errors[0]).toMatchObject({ field: 'path' });
  });

  it('refuses bad input with problem+json naming each field, and stores nothing', async () => {
    const before = (await office.get('/standards')).body.total as number;
    const res = await agriculture.post('/standards', {
      ...loquat,
      code: 'GB/T 19001-16',
      ics: ['99.999'],
      ccs: ['ZZ9'],
      publishedOn: '2015-02-30',
      work: { kind: 'revise' },
      extra: true,
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    const fields = (res.body.errors as Array<{ field: string }>).map((e) => e.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        'body.code',
        'body.ics.0',
        'body.ccs.0',
        'body.publishedOn',
        'body.work.replacesCode',
        'body',
      ]),
    );
    expect((await office.get('/standards')).body.total).toBe(before);
  });

  it('refuses malformed JSON and oversized bodies as problems', async () => {
    const broken = await office.post('/standards', '{"code": ', { 'content-type': 'application/json' });
    expect(broken.status).toBe(400);
    expect(broken.body.errors[0].field).toBe('body');
    const huge = await office.post('/standards', { ...loquat, title: { zh: 'x'.repeat(2_000_000) } });
    expect(huge.status).toBe(413);
  });

  it('moves through stages; an invalid move is a 409 naming the current stage and the allowed next ones', async () => {
    const id = (await office.get(`/standards?code=DB50`)).body.items[0].id as string;
    const bad = await agriculture.post(`/standards/${id}/stage`, {
      to: 'published',
      on: '2014-05-01',
      publishedOn: '2014-05-01',
    });
    expect(bad.status).toBe(409);
    expect(bad.body).toMatchObject({
      currentStage: 'drafting',
      allowedNext: ['public-comment', 'cancelled'],
    });
    for (const to of ['public-comment', 'review', 'approval']) {
      expect((await agriculture.post(`/standards/${id}/stage`, { to, on: '2014-05-01' })).status).toBe(201);
    }
    const published = await agriculture.post(`/standards/${id}/stage`, {
      to: 'published',
      on: '2014-06-01',
      publishedOn: '2014-06-01',
    });
    expect(published.status).toBe(201);
    expect(published.body.item).toMatchObject({
      stage: 'published',
      isoStage: '60.60',
      publishedOn: '2014-06-01',
    });
    const history = await office.get(`/items/${id}/history`);
    expect((history.body.events as Array<{ type: string }>).map((e) => e.type)).toEqual([
      'registry.standard-registered',
      ...Array(4).fill('registry.standard-stage-changed'),
    ]);
    expect(history.body.events[0].actor).toEqual({ department: 'agriculture', user: 'Li Wei' });
  });

  it('enforces scopes: no key is 401, a key without the scope is 403, the office can do all', async () => {
    expect((await anonymous.post('/filings', {})).status).toBe(401);
    const res = await agriculture.post('/filings', {
      enterprise: 'Chongqing Glassware Co.',
      product: 'tempered glass cups',
      standardCode: 'Q/CQBL 001-2014',
      filedOn: '2014-03-02',
    });
    expect(res.status).toBe(403);
    expect(res.body.requiredScope).toBe('registry:filings');
    const ok = await office.post('/filings', {
      enterprise: 'Chongqing Glassware Co.',
      product: 'tempered glass cups',
      standardCode: 'Q/CQBL 001-2014',
      filedOn: '2014-03-02',
    });
    expect(ok.status).toBe(201);
  });

  it('recognises a repeated filing instead of counting it twice', async () => {
    const filing = {
      enterprise: 'Chongqing Glassware Co.',
      product: 'tempered glass cups',
      standardCode: 'Q/CQBL 001-2014',
      filedOn: '2014-03-02',
    };
    const again = await office.post('/filings', filing);
    expect(again.status).toBe(200);
    expect(again.body.status).toBe('unchanged');
    // A repeat that says something else is not "unchanged" (its date would be dropped silently).
    const other = await office.post('/filings', { ...filing, filedOn: '2014-03-05' });
    expect(other.status).toBe(409);
    expect(other.body.errors).toEqual([{ field: 'body.filedOn', reason: 'on record as "2014-03-02"' }]);
    expect((await office.get('/filings')).body.total).toBe(1);
  });

  it('validates committees against the official ISO list and records seats', async () => {
    const unknown = await office.post('/committee-seats', {
      committee: 'ISO/TC 9999',
      memberKind: 'enterprise',
      holder: 'Yinxiang Motor Co.',
      from: '2014-01-01',
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0].field).toBe('body.committee');
    const seat = await office.post('/committee-seats', {
      committee: 'SAC/TC 114/SC 1',
      memberKind: 'engineer',
      holder: 'Zhang San',
      organisation: 'Yinxiang Motor Co.',
      from: '2014-01-01',
    });
    expect(seat.status).toBe(201);
    expect(seat.body.item).toMatchObject({ committeeLevel: 'national', active: true });
    const ended = await office.post(`/committee-seats/${seat.body.id}/end`, { to: '2015-01-01' });
    expect(ended.status).toBe(201);
    expect(ended.body.item.active).toBe(false);
  });

  it('replays the first response for a retried Idempotency-Key, and refuses the key for another body', async () => {
    const body = {
      enterprise: 'Sanjiang Foods',
      level: 'AA',
      authorityLevel: 'municipal',
      certifiedOn: '2014-09-09',
    };
    const first = await office.post('/certifications', body, { 'idempotency-key': 'cert-42' });
    const retry = await office.post('/certifications', body, { 'idempotency-key': 'cert-42' });
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.body.event.id).toBe(first.body.event.id);
    const other = await office.post(
      '/certifications',
      { ...body, level: 'A' },
      { 'idempotency-key': 'cert-42' },
    );
    expect(other.status).toBe(422);
  });

  it('imports a CSV: every row recorded or reported with its line, and a re-run changes nothing', async () => {
    const csv = [
      'type,code,title_zh,ics,sector,work_kind,adopts,degree,stage,published_on,enterprise,product,standard_code,filed_on',
      'standard,GB/T 30000-2014,水泥,91.100.10,cement,adopt,ISO 679:2009,MOD,drafting,,,,,',
      'standard,GB/T 3000-14,坏,91.100.10,cement,formulate,,,drafting,,,,,',
      'filing,,,,,,,,,,Sanjiang Foods,chilli sauce,Q/SJSP 002-2014,2014-04-01',
      'standard,JB/T 12000-2014,电机,29.160.30,machinery,existing,,,published,2014-10-01,,,,',
      'standard,XX/T 1-2014,坏,00.000,x,formulate,,,drafting,,,,,',
    ].join('\n');
    const first = await office.post('/import', csv, { 'content-type': 'text/csv' });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ rows: 5, recorded: 3, rejected: 2 });
    const rejected = (
      first.body.results as Array<{ line: number; status: string; errors?: Array<{ field: string }> }>
    ).filter((r) => r.status === 'rejected');
    expect(rejected.map((r) => r.line)).toEqual([3, 6]);
    expect(rejected[0]!.errors![0]!.field).toBe('code');
    expect(rejected[1]!.errors!.map((e) => e.field)).toEqual(expect.arrayContaining(['code', 'ics.0']));
    const again = await office.post('/import', csv, { 'content-type': 'text/csv' });
    expect(again.body).toMatchObject({ rows: 5, recorded: 0, unchanged: 3, rejected: 2 });
  });

  it('filters and paginates standards by level, ICS prefix, code prefix, stage and date range', async () => {
    const local = await office.get('/standards?level=local');
    expect(local.body.items.map((s: { code: string }) => s.code)).toEqual(['DB50/T 1234-2014']);
    const cement = await office.get('/standards?ics=91.100');
    expect(cement.body.total).toBe(1);
    const published = await office.get(
      '/standards?stage=published&publishedFrom=2014-06-01&publishedTo=2014-12-31',
    );
    expect(published.body.items.map((s: { code: string }) => s.code)).toEqual([
      'DB50/T 1234-2014',
      'JB/T 12000-2014',
    ]);
    const page = await office.get('/standards?limit=1&offset=1');
    expect(page.body).toMatchObject({ total: 3, limit: 1, offset: 1 });
    expect(page.body.items).toHaveLength(1);
    const bad = await office.get('/standards?limit=0&ics=abc');
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'query.ics',
      'query.limit',
    ]);
  });

  it('imports ISO Open Data deliverables into the catalogue, once', async () => {
    const jsonl = readFileSync(dataFileUrl('iso/deliverables-sample.jsonl'), 'utf8');
    const first = await office.post('/catalogue/iso', jsonl, { 'content-type': 'application/x-ndjson' });
    expect(first.status).toBe(200);
    expect(first.body.recorded).toBeGreaterThan(0);
    expect(first.body.rejected).toBe(0);
    const again = await office.post('/catalogue/iso', jsonl, { 'content-type': 'application/x-ndjson' });
    expect(again.body).toMatchObject({ recorded: 0, unchanged: first.body.recorded });
    const bad = await office.post('/catalogue/iso', '{"id": "x"}\nnot json', {
      'content-type': 'application/x-ndjson',
    });
    expect(bad.body.rejected).toBe(2);
    expect(bad.body.errors.map((e: { line: number }) => e.line)).toEqual([1, 2]);
    const catalogue = await office.get('/catalogue?reference=ISO%2FTR%207035');
    expect(catalogue.body.total).toBeGreaterThan(0);
  });

  it('answers request/reply queries from other services over NATS, by their contracts', async () => {
    const ask = <C extends RequestContract>(contract: C, request: RequestOf<C>) =>
      requestReply(fx.nats, fx.topology, contract, request);
    const found = await ask(GetStandardV1, { code: 'db50/t 1234-2014' });
    expect(found).toMatchObject({
      found: true,
      standard: { code: 'DB50/T 1234-2014', stage: 'published' },
    });
    const missing = await ask(GetStandardV1, { code: 'GB/T 1-19' });
    expect(missing.found).toBe(false);
    const ics = await ask(EnterpriseIcsV1, {});
    expect(ics['Gulou Agricultural Cooperative']).toEqual(['65.020.20']);
    // A request its contract refuses is answered with why, not dropped.
    const raw = await fx.nats.nc.request(fx.topology.requestSubject(GetStandardV1), '{"code": 42}');
    expect(raw.json()).toMatchObject({ error: { kind: 'invalid' } });
    // And the asking side checks its request before sending it.
    await expect(ask(GetStandardV1, { code: '' })).rejects.toThrow(/code/);
  });

  it('imports a file larger than one window: repeated rows come out as if sent one by one', async () => {
    const row = (n: number, title = '批量测试') => ({
      code: `T/CAS ${String(n).padStart(3, '0')}-2020`,
      title: { zh: title },
      sector: 'bulk testing',
      work: { kind: 'existing' },
      stage: 'published',
      publishedOn: '2020-05-01',
      leadOrganisation: 'Bulk Test Co.',
    });
    const rows = [
      ...Array.from({ length: 600 }, (_, i) => row(i + 1)),
      row(1), // the same again: unchanged
      row(2, '另一个标题'), // the same code with other details: refused
      { ...row(3), code: 'T/CAS x-2020' }, // not a code
      row(1), // and again, after both
    ];
    const res = await office.post('/import', rows);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ rows: 604, recorded: 600, unchanged: 2, rejected: 2 });
    const results = res.body.results as Array<{
      line: number;
      status: string;
      errors?: Array<{ field: string }>;
    }>;
    expect(results.slice(600).map((r) => [r.line, r.status])).toEqual([
      [601, 'unchanged'],
      [602, 'rejected'],
      [603, 'rejected'],
      [604, 'unchanged'],
    ]);
    expect(results[601]!.errors![0]!.field).toBe('code');
    const listed = await office.get(
      `/standards?code=${encodeURIComponent('T/CAS ')}&organisation=Bulk%20Test%20Co.&limit=500&offset=100`,
    );
    expect(listed.body.total).toBe(600);
    expect(listed.body.items[0].code).toBe('T/CAS 101-2020');
  });

  it('settles concurrent imports and commands on the same standards: each recorded once', async () => {
    const row = (n: number) => ({
      code: `T/CECS ${String(n).padStart(3, '0')}-2021`,
      title: { zh: '并发测试' },
      sector: 'bulk testing',
      work: { kind: 'existing' },
      stage: 'published',
      publishedOn: '2021-05-01',
      leadOrganisation: 'Concurrent Test Co.',
    });
    const range = (from: number, to: number) =>
      Array.from({ length: to - from + 1 }, (_, i) => row(from + i));
    const [a, b, one] = await Promise.all([
      office.post('/import', range(1, 300)),
      office.post('/import', range(201, 500)),
      office.post('/standards', row(250)),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect([200, 201]).toContain(one.status);
    expect(a.body.rejected + b.body.rejected).toBe(0);
    expect(a.body.recorded + b.body.recorded + (one.status === 201 ? 1 : 0)).toBe(500);
    expect(a.body.unchanged + b.body.unchanged + (one.status === 200 ? 1 : 0)).toBe(101);
    const listed = await office.get('/standards?organisation=Concurrent%20Test%20Co.&limit=1');
    expect(listed.body.total).toBe(500);
    const history = await office.get(`/items/${listed.body.items[0].id}/history`);
    expect(history.body.events).toHaveLength(1);
  });

  it('serves OpenAPI at /docs and leaves no dead letters behind', async () => {
    const doc = await anonymous.get('/docs/openapi.json');
    expect(doc.status).toBe(200);
    expect(Object.keys(doc.body.paths as object)).toEqual(
      expect.arrayContaining(['/standards', '/standards/{ref}/stage', '/import']),
    );
    expect(await listDeadLetters(fx.nats.jsm, fx.topology, 'registry')).toEqual([]);
  });

  it('counts what it published and what it answered at /metrics (Prometheus text, no key needed)', async () => {
    const metric = async (name: string, label: string) => {
      const res = await fetch(`${base}/metrics`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/text\/plain/);
      const line = (await res.text()).split('\n').find((l) => l.startsWith(name) && l.includes(label));
      return line ? Number(line.split(' ').at(-1)) : 0;
    };
    const before = await metric('highland_events_published_total', 'registry.standard-registered');
    const res = await office.post('/standards', { ...loquat, code: 'DB50/T 8801-2020' });
    expect(res.status).toBe(201);
    expect(await metric('highland_events_published_total', 'registry.standard-registered')).toBe(before + 1);
  });
});
