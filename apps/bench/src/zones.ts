import { randomBytes } from 'node:crypto';
import { freePort } from '@highland/infra';
import type { NatsHandle } from '@highland/messaging';
import { createService, listen, NATS, parseConfig, TOPOLOGY } from '@highland/service-kit';
import type { Topology } from '@highland/messaging';
import { Objm } from '@nats-io/obj';
import { zonesService, ZonesConfig } from '@highland/zones';
import { describeMachine, machine, out, progress, startBenchInfra, withDatabase } from './environment.js';
import { HttpClient } from './http-client.js';
import { Rng } from './rng.js';
import { fmtInt, fmtMs, fmtRate, rate, summarize, table, windowed } from './stats.js';

/**
 * `bench zones`: the zones service in this process on embedded NATS + FerretDB.
 *
 * (a) Commands: N zones proposed (POST /zones), then each applied for (POST /zones/{id}/application),
 *     `clients` requests in flight; every answer must be 201. Throughput and latency of all of them.
 * (b) Queries: over those N zones (10,000 by default), filtered lists (kind, level, state, town,
 *     department, product) from the in-memory view; latency.
 *
 * (c) Evidence: files of a few MiB uploaded through POST /zones/{id}/evidence (streamed, checked,
 *     recorded), one at a time, vs a raw put of the same bytes into the same object store bucket
 *     (@nats-io/obj directly), in the same run: MB/s of each and their ratio.
 *
 * Ends with: `zones commands_per_s=<n> command_p99_ms=<n> query_p99_ms=<n> evidence_ratio=<x>`
 */
export interface ZonesBenchOptions {
  quick?: boolean;
  zones?: number;
  clients?: number;
  queries?: number;
  /** Evidence files uploaded (default 10; quick 4), each `evidenceMiB` MiB. */
  evidenceFiles?: number;
  evidenceMiB?: number;
}

const TOWNS = ['Gulou', 'Shuangfeng', 'Sanjiang', 'Caojie', 'Yinxiang', 'Longshui', 'Baoding', 'Jijiang'];
const PRODUCTS = [
  'grain',
  'loquat',
  'peach',
  'plum',
  'ecological fish',
  'free-range chicken',
  'pigs',
  'logistics',
];
const DEPARTMENTS = ['agriculture', 'commerce', 'tourism'];
const KINDS = ['agricultural', 'service-pilot', 'enterprise-base-farmers', 'rural-market'];

export async function runZonesBench(o: ZonesBenchOptions = {}): Promise<void> {
  const quick = o.quick ?? false;
  const n = o.zones ?? (quick ? 2_000 : 10_000);
  const clients = o.clients ?? 32;
  const queries = o.queries ?? (quick ? 500 : 2_000);
  const rng = new Rng(20_261_207);
  const rnd = () => rng.next();
  const pick = <T>(xs: readonly T[]) => rng.pick(xs);
  const m = machine();
  progress(describeMachine(m));
  const infra = await startBenchInfra();
  let app: Awaited<ReturnType<typeof createService>> | undefined;
  let http: HttpClient | undefined;
  try {
    const officeKey = `hl_bench_office_${randomBytes(24).toString('hex')}`;
    const port = await freePort();
    const config = parseConfig(ZonesConfig, {
      PORT: String(port),
      HOST: '127.0.0.1',
      NATS_URL: infra.natsUrl,
      ...(infra.natsCredentialsFile ? { NATS_CREDENTIALS_FILE: infra.natsCredentialsFile } : {}),
      MONGO_URL: withDatabase(infra.mongoUrl, `bench_zones_${randomBytes(3).toString('hex')}`),
      HIGHLAND_NAMESPACE: `bench${randomBytes(3).toString('hex')}`,
      HIGHLAND_BOOTSTRAP_OFFICE_KEY: officeKey,
      RATE_LIMIT_REQUESTS: '0',
      LOG_LEVEL: 'warn',
      ZONES_REMINDER_CHECK_MS: '0',
    });
    app = await createService(zonesService(config));
    await listen(app, config);
    http = new HttpClient(`http://127.0.0.1:${port}`, officeKey, clients);
    const client = http;

    const bodies = Array.from({ length: n }, (_, i) =>
      JSON.stringify({
        name: `Bench zone ${i}`,
        kind: pick(KINDS),
        levelSought: rnd() < 0.3 ? 'national' : 'municipal',
        productLine: pick(PRODUCTS),
        town: pick(TOWNS),
        location: { lat: 29 + rnd(), lon: 105.5 + rnd() },
        areaMu: 100 + Math.floor(rnd() * 20_000),
        undertaking: { name: `Cooperative ${i}`, kind: 'cooperative' },
        department: pick(DEPARTMENTS),
        project: 1 + Math.floor(rnd() * 5),
        proposedOn: '2021-01-10',
      }),
    );
    const latencies: number[] = [];
    const ids: string[] = new Array<string>(n);
    let failures = 0;
    progress(`commands: ${fmtInt(n)} proposals then ${fmtInt(n)} applications, ${clients} in flight …`);
    const proposeMs = await windowed(n, clients, async (i) => {
      const a = await client.send('POST', '/zones', bodies[i]);
      latencies.push(a.ms);
      if (a.status !== 201) failures++;
      else ids[i] = (JSON.parse(a.body) as { id: string }).id;
    });
    const application = JSON.stringify({ authority: 'SAC', level: 'national', appliedOn: '2021-03-01' });
    const applyMs = await windowed(n, clients, async (i) => {
      const a = await client.send('POST', `/zones/${ids[i]}/application`, application);
      latencies.push(a.ms);
      if (a.status !== 201) failures++;
    });
    if (failures) throw new Error(`${failures} commands were not recorded`);
    const commands = summarize(latencies);
    const commandsPerS = rate(2 * n, proposeMs + applyMs);

    const queryLatencies: number[] = [];
    const paths = Array.from({ length: queries }, () => {
      const q = new URLSearchParams();
      if (rnd() < 0.7) q.set('kind', pick(KINDS));
      if (rnd() < 0.5) q.set('level', rnd() < 0.5 ? 'national' : 'municipal');
      if (rnd() < 0.5) q.set('state', 'applied');
      if (rnd() < 0.5) q.set('town', pick(TOWNS));
      if (rnd() < 0.3) q.set('department', pick(DEPARTMENTS));
      if (rnd() < 0.3) q.set('product', pick(PRODUCTS).slice(0, 4));
      return `/zones?${q.toString()}`;
    });
    progress(`queries: ${fmtInt(queries)} filtered lists over ${fmtInt(n)} zones …`);
    let badQueries = 0;
    await windowed(queries, 8, async (i) => {
      const a = await client.send('GET', paths[i]!);
      queryLatencies.push(a.ms);
      if (a.status !== 200) badQueries++;
    });
    if (badQueries) throw new Error(`${badQueries} queries failed`);
    const q = summarize(queryLatencies);

    const files = o.evidenceFiles ?? (quick ? 4 : 10);
    const mib = o.evidenceMiB ?? 8;
    const payloads = Array.from({ length: files }, () =>
      Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(mib * 1024 * 1024 - 9)]),
    );
    progress(`evidence: ${files} files of ${mib} MiB through the API, then raw puts into the same bucket …`);
    const base = `http://127.0.0.1:${port}`;
    const uploadStarted = performance.now();
    for (const [i, bytes] of payloads.entries()) {
      const res = await fetch(`${base}/zones/${ids[i % n]}/evidence?name=bench-${i}.pdf`, {
        method: 'POST',
        headers: { authorization: `Bearer ${officeKey}`, 'content-type': 'application/pdf' },
        body: bytes,
      });
      await res.arrayBuffer();
      if (res.status !== 201) throw new Error(`evidence upload answered ${res.status}`);
    }
    const uploadMs = performance.now() - uploadStarted;
    const nats = app.get<NatsHandle>(NATS);
    const bucket = app.get<Topology>(TOPOLOGY).bucket('zones-evidence');
    const os = await new Objm(nats.js).open(bucket);
    const rawStarted = performance.now();
    for (const [i, bytes] of payloads.entries()) await os.putBlob({ name: `raw-${i}` }, bytes);
    const rawMs = performance.now() - rawStarted;
    const totalMB = (files * mib * 1024 * 1024) / 1e6;
    const uploadMBs = totalMB / (uploadMs / 1000);
    const rawMBs = totalMB / (rawMs / 1000);

    out(
      table([
        ['phase', 'count', 'rate', 'p50', 'p99', 'max'],
        [
          'commands',
          fmtInt(commands.count),
          fmtRate(commandsPerS),
          fmtMs(commands.p50),
          fmtMs(commands.p99),
          fmtMs(commands.max),
        ],
        ['queries', fmtInt(q.count), '', fmtMs(q.p50), fmtMs(q.p99), fmtMs(q.max)],
      ]),
    );
    out(
      `evidence: ${files} × ${mib} MiB — upload ${uploadMBs.toFixed(1)} MB/s, raw object-store put ${rawMBs.toFixed(1)} MB/s`,
    );
    out(
      `zones commands_per_s=${Math.round(commandsPerS)} command_p99_ms=${commands.p99.toFixed(1)} query_p99_ms=${q.p99.toFixed(1)} evidence_ratio=${(uploadMBs / rawMBs).toFixed(2)}`,
    );
  } finally {
    http?.close();
    await app?.close();
    await infra.stop();
  }
}
