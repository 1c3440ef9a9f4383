// The authorization matrix (issue 16, item 4): every (caller kind × service × operation) cell that
// libs/service-kit/src/access.ts declares, tried against the three services running in-process on
// the harness's NATS and store. Also: exporters never see each other's data, keys are stored only
// hashed, and a revoked key is refused by every service within a bounded time.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ApiKeyStore,
  BaseConfig,
  type Caller,
  callersOf,
  createService,
  DENIAL_STATUS,
  type DocumentedOperation,
  documentedOperations,
  expectedAccess,
  EXPORTER_OWN_READS,
  hashApiKey,
  listen,
  parseConfig,
} from '@highland/service-kit';
import { messagingFixture, type MessagingFixture, serviceEnv, testNames } from '@highland/testing';
import { Kvm } from '@nats-io/kv';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** How long a revoked key may still be accepted by a running service (documented in docs/architecture.md). */
const REVOCATION_BOUND_MS = 2_000;
const SERVICES = ['registry', 'reporting', 'tbt', 'zones', 'incentives'] as const;
type ServiceName = (typeof SERVICES)[number];
/** For each service, a scope of another service (the "other-service" caller). */
const OTHER_SCOPE: Record<ServiceName, string> = {
  registry: 'tbt:notifications',
  reporting: 'registry:standards',
  tbt: 'reporting:plans',
  zones: 'registry:standards',
  incentives: 'tbt:notifications',
};

const names = testNames(import.meta.url);
const root = join(import.meta.dirname, '..');
const apps: NestExpressApplication[] = [];
const base = {} as Record<ServiceName, string>;
let fx: MessagingFixture;
let keys: ApiKeyStore;
let officeKey: string;
/** Plain text of every key this file knows, by "department/scopes". */
const plainKeys = new Map<string, string>();
const violations: string[] = [];
let cells = 0;
/** What the allowed cells answered, by status: the matrix checks only that none was a denial. */
const allowedAnswers = new Map<number, number>();

const keyId = (k: NonNullable<Caller['key']>) => `${k.department}/${k.scopes.join(',')}`;
const documents = Object.fromEntries(
  SERVICES.map((s) => [
    s,
    documentedOperations(
      JSON.parse(readFileSync(join(root, 'services', s, 'generated', 'openapi.json'), 'utf8')),
    ),
  ]),
) as Record<ServiceName, DocumentedOperation[]>;
const callers = Object.fromEntries(
  SERVICES.map((s) => [
    s,
    callersOf(
      s,
      documents[s].flatMap((o) => (o.security.scope ? [o.security.scope] : [])),
      OTHER_SCOPE[s],
    ),
  ]),
) as Record<ServiceName, Caller[]>;

/** One request; only the status matters, so streams are cut once their headers arrive. */
async function send(
  service: ServiceName,
  method: string,
  path: string,
  key?: string,
  body: unknown = method === 'get' ? undefined : {},
): Promise<number> {
  const res = await fetch(`${base[service]}${path}`, {
    method: method.toUpperCase(),
    headers: {
      ...(key ? { authorization: `Bearer ${key}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(20_000),
  });
  if (res.headers.get('content-type')?.includes('text/event-stream')) await res.body?.cancel();
  else await res.arrayBuffer();
  return res.status;
}

const fill = (path: string, id = 'x') => path.replace(/\{[^}]+\}/g, id);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits until every service's key watcher has seen `key` (a secured call stops answering 401). */
async function untilKnown(key: string): Promise<void> {
  for (const s of SERVICES) {
    const op = documents[s].find((o) => !o.security.public)!;
    const deadline = Date.now() + 10_000;
    while ((await send(s, op.method, fill(op.path), key)) === 401) {
      if (Date.now() > deadline) throw new Error(`${s} never learned a key`);
      await sleep(50);
    }
  }
}

beforeAll(async () => {
  const envs = await Promise.all(SERVICES.map((s) => serviceEnv(names, s)));
  officeKey = envs[0]!.HIGHLAND_BOOTSTRAP_OFFICE_KEY;
  const env = (i: number) => ({
    ...envs[i],
    HIGHLAND_BOOTSTRAP_OFFICE_KEY: officeKey,
    // the matrix makes hundreds of calls with one key; the limiter is tried in its own tests
    RATE_LIMIT_REQUESTS: '0',
    TBT_WEBHOOK_ALLOWED_HOSTS: '127.0.0.1',
  });
  const { registryService } = await import('@highland/registry');
  const { reportingService } = await import('@highland/reporting');
  const { tbtService, TbtConfig } = await import('@highland/tbt');
  const { zonesService, ZonesConfig } = await import('@highland/zones');
  const { incentivesService, IncentivesConfig } = await import('@highland/incentives');
  const configs = [parseConfig(BaseConfig, env(0)), parseConfig(BaseConfig, env(1))];
  const tbtConfig = parseConfig(TbtConfig, env(2));
  const zonesConfig = parseConfig(ZonesConfig, env(3));
  const incentivesConfig = parseConfig(IncentivesConfig, env(4));
  const definitions = [
    registryService(configs[0]!),
    reportingService(configs[1]!),
    tbtService(tbtConfig),
    zonesService(zonesConfig),
    incentivesService(incentivesConfig),
  ];
  const listening = [configs[0]!, configs[1]!, tbtConfig, zonesConfig, incentivesConfig];
  for (const [i, s] of SERVICES.entries()) {
    const app = await createService(definitions[i]!);
    apps.push(app);
    await listen(app, listening[i]!);
    base[s] = `http://127.0.0.1:${envs[i]!.PORT}`;
  }
  fx = await messagingFixture(names);
  keys = await ApiKeyStore.open(fx.nats, fx.topology);
  plainKeys.set('office/*', officeKey);
  for (const caller of Object.values(callers).flat()) {
    if (!caller.key || plainKeys.has(keyId(caller.key))) continue;
    const created = await keys.create({ ...caller.key, label: `authz ${caller.key.department}` });
    plainKeys.set(keyId(caller.key), created.key);
  }
  // created in order on one bucket: once the last is known everywhere, all are
  await untilKnown([...plainKeys.values()].at(-1)!);
});

afterAll(async () => {
  keys?.close();
  for (const app of apps.reverse()) await app.close();
  await fx?.dispose();
  console.log(`authz cells=${cells} violations=${violations.length}`);
});

describe('authorization matrix', () => {
  it('walks the documents the running services serve', async () => {
    for (const s of SERVICES) {
      const res = await fetch(`${base[s]}/docs/openapi.json`);
      expect(res.status).toBe(200);
      const live = documentedOperations((await res.json()) as Parameters<typeof documentedOperations>[0]);
      const security = (ops: DocumentedOperation[]) =>
        ops
          .map((o) => `${o.method} ${o.path} ${o.security.public ? 'public' : (o.security.scope ?? 'key')}`)
          .sort();
      expect(security(live), `${s}: generated/openapi.json is stale`).toEqual(security(documents[s]));
    }
  });

  for (const service of SERVICES) {
    it(`${service}: every operation answers each caller kind as access.ts declares`, async () => {
      for (const op of documents[service]) {
        for (const caller of callers[service]) {
          const expected = expectedAccess(caller.key?.scopes, op.security);
          const key = caller.key ? plainKeys.get(keyId(caller.key)) : undefined;
          const status = await send(service, op.method, fill(op.path), key);
          cells++;
          if (expected === 'allowed') allowedAnswers.set(status, (allowedAnswers.get(status) ?? 0) + 1);
          const ok =
            expected === 'allowed'
              ? status !== 401 && status !== 403 && status < 500
              : status === DENIAL_STATUS[expected];
          if (!ok)
            violations.push(
              `${service} ${op.method.toUpperCase()} ${op.path} as ${caller.name}: expected ${expected}, got ${status}`,
            );
        }
      }
    });
  }

  it('an exporter sees only its own profile, alerts and deliveries; others answer 404', async () => {
    const office = officeKey;
    const ids = ['alpha', 'bravo'] as const;
    for (const id of ids) {
      const res = await send('tbt', 'post', '/exporters', office, {
        exporterId: id,
        enterprise: `Exporter ${id}`,
        hs: ['3208'],
        markets: ['MWI'],
      });
      expect(res).toBeLessThan(300);
    }
    for (const id of ids) {
      const deadline = Date.now() + 10_000;
      while ((await send('tbt', 'get', `/exporters/${id}`, office)) !== 200) {
        if (Date.now() > deadline) throw new Error(`profile ${id} never appeared`);
        await sleep(50);
      }
    }
    // keys issued the way the TBT centre issues them (POST /exporters/{id}/keys)
    const exporterKey: Record<string, string> = {};
    for (const id of ids) {
      const res = await fetch(`${base.tbt}/exporters/${id}/keys`, {
        method: 'POST',
        headers: { authorization: `Bearer ${office}` },
      });
      expect(res.status).toBeLessThan(300);
      exporterKey[id] = ((await res.json()) as { key: string }).key;
      plainKeys.set(`issued/${id}`, exporterKey[id]);
    }
    await untilKnown(exporterKey.bravo!);
    for (const [me, other] of [
      ['alpha', 'bravo'],
      ['bravo', 'alpha'],
    ] as const) {
      for (const path of EXPORTER_OWN_READS) {
        for (const [whose, want] of [
          [me, 200],
          [other, 404],
        ] as const) {
          const status = await send('tbt', 'get', fill(path, whose), exporterKey[me]);
          cells++;
          if (status !== want)
            violations.push(
              `tbt GET ${fill(path, whose)} as exporter ${me}: expected ${want}, got ${status}`,
            );
        }
      }
      const edit = await send('tbt', 'post', '/exporters', exporterKey[me], {
        exporterId: other,
        enterprise: 'taken over',
      });
      cells++;
      if (edit !== 403 && edit !== 404)
        violations.push(`tbt POST /exporters for ${other} as exporter ${me}: expected 403, got ${edit}`);
    }
  });

  it('registry bulk import: each row needs the scope its own endpoint needs', async () => {
    const { ROW_KINDS } = await import('@highland/registry');
    const readOnly = plainKeys.get(keyId({ department: 'dept-registry-read', scopes: ['registry:read'] }))!;
    for (const [who, key, refused] of [
      ['department(registry:read)', readOnly, true],
      ['office', officeKey, false],
    ] as const) {
      const res = await fetch(`${base.registry}/import`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify(ROW_KINDS.map((type) => ({ type }))),
      });
      const text = await res.text();
      expect(res.status, text).toBe(200);
      const report = JSON.parse(text) as {
        recorded: number;
        results: Array<{ kind: string; errors?: Array<{ reason: string }> }>;
      };
      expect(report.results).toHaveLength(ROW_KINDS.length);
      for (const r of report.results) {
        cells++;
        const scopeRefusal = !!r.errors?.some((e) => e.reason.includes('lacks the scope'));
        if (scopeRefusal !== refused)
          violations.push(
            `registry POST /import row ${r.kind} as ${who}: ${refused ? 'accepted without' : 'refused despite'} its scope`,
          );
      }
      expect(report.recorded).toBe(0);
    }
  });

  it('stores keys only hashed', async () => {
    const kv = await new Kvm(fx.nats.nc).open(ApiKeyStore.bucketName(fx.topology));
    const entries: string[] = [];
    for await (const k of await kv.keys()) {
      const e = await kv.get(k);
      entries.push(`${k} ${e?.string() ?? ''}`);
    }
    // The office bootstrap key lives in the services' configuration, never in the bucket
    // (services may not write it: docs/architecture.md, "Who may do what on the backbone").
    const bucketKeys = [...plainKeys.values()].filter((k) => k !== officeKey);
    expect(entries.length).toBeGreaterThanOrEqual(bucketKeys.length);
    if (entries.some((e) => e.startsWith(`${hashApiKey(officeKey)} `)))
      violations.push('the bootstrap office key was written to the key bucket');
    for (const plain of plainKeys.values()) {
      cells++;
      if (entries.some((e) => e.includes(plain))) violations.push('a plain key is stored in the key bucket');
      if (plain !== officeKey && !entries.some((e) => e.startsWith(`${hashApiKey(plain)} `)))
        violations.push('a key is not stored under its SHA-256');
    }
  });

  it(`a revoked key is refused by every service within ${REVOCATION_BOUND_MS} ms`, async () => {
    const created = await keys.create({
      department: 'revoked',
      scopes: ['registry:read'],
      label: 'authz revoke',
    });
    await untilKnown(created.key);
    const started = performance.now();
    await keys.revoke(created.hash);
    const took: Record<string, number> = {};
    await Promise.all(
      SERVICES.map(async (s) => {
        const op = documents[s].find((o) => !o.security.public)!;
        while ((await send(s, op.method, fill(op.path), created.key)) !== 401) {
          if (performance.now() - started > 10_000) break;
          await sleep(20);
        }
        took[s] = Math.round(performance.now() - started);
      }),
    );
    console.log(`authz revocation ms: ${JSON.stringify(took)} (bound ${REVOCATION_BOUND_MS})`);
    for (const s of SERVICES) {
      cells++;
      if (took[s]! >= REVOCATION_BOUND_MS)
        violations.push(`${s} still accepted a revoked key after ${took[s]} ms`);
    }
  });

  it('has no violations', () => {
    console.log(
      `authz allowed cells answered: ${[...allowedAnswers]
        .sort(([a], [b]) => a - b)
        .map(([status, n]) => `${status}×${n}`)
        .join(' ')}`,
    );
    expect(violations).toEqual([]);
  });
});
