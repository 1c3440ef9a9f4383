import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { constants, monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import { loadavg } from 'node:os';
import { freePort } from '@highland/infra';
import { connectNats, ensureStream, type NatsHandle, Topology } from '@highland/messaging';
import { RegistryConfig, registryService } from '@highland/registry';
import { createService, listen, parseConfig } from '@highland/service-kit';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { type Db, MongoClient } from 'mongodb';
import {
  type BenchInfra,
  describeMachine,
  describeTracing,
  machine,
  out,
  progress,
  runId,
  startBenchInfra,
  OtherLoad,
  storeVersion,
  todayUtc,
  withDatabase,
} from './environment.js';
import type { CommandStats, StageTarget } from './load-jobs.js';
import { LoadRunner } from './load-runner.js';
import { queryPaths } from './query-mix.js';
import { RecordGenerator, type StandardBody } from './records.js';
import {
  fmtInt,
  fmtMs,
  fmtNum,
  fmtRate,
  fmtRatio,
  fmtS,
  type LatencySummary,
  rate,
  ratio,
  summarize,
  table,
} from './stats.js';

export interface RegistryOptions {
  records: number;
  chunk: number;
  importInFlight: number;
  clients: number;
  durationS: number;
  rawSeconds: number;
  queries: number;
  queryClients: number;
  commandMix: 'mixed' | 'register' | 'stage';
  telemetry: boolean;
  /** Where to write a CPU profile of the main thread (the service) during the commands. */
  cpuProfile?: string;
  /** Where to write an allocation profile of the main thread during the commands. */
  heapProfile?: string;
}

const RAW_BATCH = 500;
const MIX = {
  mixed: 'new standards and stage moves of imported work items, alternating',
  register: 'new standards only',
  stage: 'stage moves of imported work items only',
} as const;
const SEED = 20_261_126;
const SNAPSHOT_CONSUMER = 'registry-snapshots';

/** CPU time of processes by pid, ms (Linux /proc: utime + stime, in clock ticks of 10 ms). */
function processesCpuMs(pids: readonly number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // not Linux, or gone
    }
  }
  return ticks * 10;
}

interface CpuUse {
  /** This process (the service, the load worker, GC threads), ms. */
  ownMs: number;
  /** The servers (NATS, the store), ms. */
  serversMs: number;
  /** What other processes took meanwhile. */
  other: string;
}

/**
 * CPU spent from now until the returned function is called: less sensitive to a busy machine than
 * elapsed time, so runs under different load can still be compared per record.
 */
function measureCpu(serverPids: readonly number[]): () => CpuUse {
  const own0 = process.cpuUsage();
  const servers0 = processesCpuMs(serverPids);
  const other = new OtherLoad(serverPids);
  return () => {
    const own = process.cpuUsage(own0);
    return {
      ownMs: (own.user + own.system) / 1000,
      serversMs: processesCpuMs(serverPids) - servers0,
      other: other.describe(),
    };
  };
}

/**
 * The inspector's sampling profilers on this thread: CPU (--cpu-profile, a .cpuprofile) or
 * allocations (--heap-profile, a .heapprofile of everything allocated, collected or not).
 */
async function startProfiler(kind: 'cpu' | 'heap'): Promise<{ stopInto(file: string): Promise<void> }> {
  const session = new Session();
  session.connect();
  if (kind === 'cpu') {
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 200 });
    await session.post('Profiler.start');
  } else {
    await session.post('HeapProfiler.enable');
    await session.post('HeapProfiler.startSampling', {
      samplingInterval: 16_384,
      includeObjectsCollectedByMajorGC: true,
      includeObjectsCollectedByMinorGC: true,
    });
  }
  return {
    stopInto: async (file) => {
      const { profile } =
        kind === 'cpu'
          ? await session.post('Profiler.stop')
          : await session.post('HeapProfiler.stopSampling');
      writeFileSync(file, JSON.stringify(profile));
      session.disconnect();
      progress(`${kind === 'cpu' ? 'CPU' : 'allocation'} profile of the commands written to ${file}`);
    },
  };
}

interface GcPauses {
  count: number;
  totalMs: number;
  maxMs: number;
}

interface Pauses {
  delayP50Ms: number;
  delayP99Ms: number;
  delayMaxMs: number;
  minor: GcPauses;
  major: GcPauses;
  incremental: GcPauses;
}

/**
 * The service's event loop while it runs: how late timers fire (perf_hooks' loop-delay histogram)
 * and the GC pauses of this thread, by kind. Latency's tail lives here.
 */
function watchPauses(): { stop(): Pauses } {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  const gc = { minor: blankPauses(), major: blankPauses(), incremental: blankPauses() };
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const kind = (entry as unknown as { detail?: { kind?: number } }).detail?.kind;
      const bucket =
        kind === constants.NODE_PERFORMANCE_GC_MINOR
          ? gc.minor
          : kind === constants.NODE_PERFORMANCE_GC_MAJOR
            ? gc.major
            : kind === constants.NODE_PERFORMANCE_GC_INCREMENTAL
              ? gc.incremental
              : undefined;
      if (!bucket) continue;
      bucket.count++;
      bucket.totalMs += entry.duration;
      bucket.maxMs = Math.max(bucket.maxMs, entry.duration);
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  return {
    stop: () => {
      delay.disable();
      observer.disconnect();
      return {
        delayP50Ms: delay.percentile(50) / 1e6,
        delayP99Ms: delay.percentile(99) / 1e6,
        delayMaxMs: delay.max / 1e6,
        ...gc,
      };
    },
  };
}

const blankPauses = (): GcPauses => ({ count: 0, totalMs: 0, maxMs: 0 });

/** Waits until the snapshot writer (a durable consumer) has acknowledged every event in the stream. */
async function snapshotsCaughtUp(nats: NatsHandle, stream: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const last = (await nats.jsm.streams.info(stream)).state.last_seq;
    const info = await nats.jsm.consumers.info(stream, SNAPSHOT_CONSUMER).catch(() => undefined);
    if (info && info.ack_floor.stream_seq >= last) return true;
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

interface Backlog {
  /** Events the snapshot writer has not yet written to the store. */
  events: number;
  lastSeq: number;
}

/** Polls for the store copy's rewrite (`items_next` exists while it runs); stop() gives its seconds. */
function watchCopyRewrites(db: Db): { stop(): Promise<number> } {
  let seconds = 0;
  let running = true;
  const poll = (async () => {
    while (running) {
      const started = performance.now();
      const found = await db.listCollections({ name: 'items_next' }, { nameOnly: true }).toArray();
      await new Promise((r) => setTimeout(r, 500));
      if (found.length) seconds += (performance.now() - started) / 1000;
    }
  })();
  return {
    stop: async () => {
      running = false;
      await poll;
      return seconds;
    },
  };
}

async function snapshotBacklog(nats: NatsHandle, stream: string): Promise<Backlog> {
  const lastSeq = (await nats.jsm.streams.info(stream)).state.last_seq;
  const info = await nats.jsm.consumers.info(stream, SNAPSHOT_CONSUMER);
  return { events: lastSeq - info.ack_floor.stream_seq, lastSeq };
}

function levelCounts(records: readonly StandardBody[]): string {
  const byPrefix = (r: StandardBody) =>
    /^(GB|ISO|IEC|ASTM|DIN|JIS)\b/.exec(r.code)
      ? /^(GB|ISO|IEC)/.test(r.code)
        ? /^GB/.test(r.code)
          ? 'national'
          : 'international'
        : 'foreign'
      : /^DB\d/.test(r.code)
        ? 'local'
        : /^T\//.test(r.code)
          ? 'group'
          : /^Q\//.test(r.code)
            ? 'enterprise'
            : 'industry';
  const counts = new Map<string, number>();
  for (const r of records) counts.set(byPrefix(r), (counts.get(byPrefix(r)) ?? 0) + 1);
  return [...counts.entries()].map(([l, c]) => `${l} ${fmtInt(c)}`).join(', ');
}

const latencyRow = (name: string, s: LatencySummary, perS?: number) => [
  name,
  fmtInt(s.count),
  perS === undefined ? '' : fmtRate(perS),
  fmtMs(s.p50),
  fmtMs(s.p90),
  fmtMs(s.p99),
  fmtMs(s.max),
];

const failures = (s: CommandStats) =>
  Object.entries(s.failed)
    .map(([status, n]) => `${n} × ${status === '0' ? 'no answer' : `HTTP ${status}`}`)
    .join(', ');

export async function runRegistry(opts: RegistryOptions): Promise<void> {
  const started = new Date();
  const m = machine();
  progress('starting the servers …');
  const infra: BenchInfra = await startBenchInfra();
  const otherLoad = new OtherLoad(infra.pids);
  const id = runId();
  const namespace = `bench-${id}`;
  const topology = new Topology(namespace);
  const stream = topology.eventStream('registry').name;
  const mongoUrl = withDatabase(infra.mongoUrl, `bench_registry_${id}`);
  const mongo = new MongoClient(mongoUrl);
  let nats: NatsHandle | undefined;
  let app: NestExpressApplication | undefined;
  let load: LoadRunner | undefined;
  let figures: RegistryFigures | undefined;
  try {
    await mongo.connect();
    nats = await connectNats({
      url: infra.natsUrl,
      name: 'bench-raw',
      credentialsFile: infra.natsCredentialsFile,
    });
    const servers = `nats-server ${nats.nc.info?.version ?? 'unknown'} (JetStream, file storage); ${await storeVersion(infra.mongoUrl, infra.mongoKind)}; ${infra.describe}`;

    progress(`generating ${fmtInt(opts.records)} standard records …`);
    const generator = new RecordGenerator(SEED);
    const records = generator.many(opts.records);
    const chunks: StandardBody[][] = [];
    for (let i = 0; i < records.length; i += opts.chunk) chunks.push(records.slice(i, i + opts.chunk));
    const bodies = chunks.map((c) => JSON.stringify(c));
    const recordBytes = bodies.reduce((s, b) => s + Buffer.byteLength(b), 0) / records.length;

    // (a) the baseline: raw insertMany of the same documents into a fresh collection of the same store.
    progress(`raw insertMany of ${fmtInt(records.length)} documents in batches of ${RAW_BATCH} …`);
    const docs = records.map((r) => ({ ...r })); // insertMany adds _id to what it is given
    // Warm the driver up first (connection pool, JIT), outside the timing.
    const warm = mongo.db().collection('bench_warm_up');
    for (let i = 0; i < 4; i++) await warm.insertMany(records.slice(0, RAW_BATCH).map((r) => ({ ...r })));
    await warm.drop();
    const raw = mongo.db().collection('bench_raw_insert_many');
    const rawCpu = measureCpu(infra.pids);
    const rawStarted = performance.now();
    for (let i = 0; i < docs.length; i += RAW_BATCH) {
      await raw.insertMany(docs.slice(i, i + RAW_BATCH), { ordered: false });
    }
    const rawInsertMs = performance.now() - rawStarted;
    const rawInsertCpu = rawCpu();
    progress(`  ${fmtRate(rate(docs.length, rawInsertMs))}`);

    progress('starting the registry service in this process …');
    const officeKey = `hl_bench_office_${randomBytes(24).toString('hex')}`;
    const port = await freePort();
    const config = parseConfig(RegistryConfig, {
      PORT: String(port),
      HOST: '127.0.0.1',
      NATS_URL: infra.natsUrl,
      ...(infra.natsCredentialsFile ? { NATS_CREDENTIALS_FILE: infra.natsCredentialsFile } : {}),
      MONGO_URL: mongoUrl,
      HIGHLAND_NAMESPACE: namespace,
      HIGHLAND_BOOTSTRAP_OFFICE_KEY: officeKey,
      // One key drives the whole load: the per-key rate limit would measure itself.
      RATE_LIMIT_REQUESTS: '0',
      LOG_LEVEL: 'warn',
      // A chunk of 5,000 records is ~2.5 MB of JSON; the default limit (1 MB) is for single commands.
      BODY_LIMIT: '32mb',
    });
    app = await createService(registryService(config));
    await listen(app, config);
    const base = `http://127.0.0.1:${port}`;
    load = new LoadRunner();

    progress(
      `POST /import: ${fmtInt(records.length)} records in ${chunks.length} chunks of ${opts.chunk}, ${opts.importInFlight} in flight …`,
    );
    const importCpu = measureCpu(infra.pids);
    const importStarted = performance.now();
    const imported = await load.run({
      kind: 'import',
      base,
      key: officeKey,
      bodies,
      rows: chunks.map((c) => c.length),
      inFlight: opts.importInFlight,
    });
    const importedCpu = importCpu();
    const recorded = imported.chunks.reduce((s, c) => s + c.recorded, 0);
    const problems = imported.chunks.flatMap((c) => c.errors);
    if (recorded !== records.length || problems.length) {
      throw new Error(
        `the import recorded ${recorded} of ${records.length} records; the figures would mean nothing:\n  ${problems.slice(0, 10).join('\n  ')}`,
      );
    }
    progress('waiting for the snapshot writer (the store copy) to catch up …');
    const storeCopied = await snapshotsCaughtUp(nats, stream, 15 * 60_000);
    const importToStoreMs = storeCopied ? performance.now() - importStarted : undefined;
    const storedDocs = await mongo.db().collection('items').countDocuments();

    // (c) before the commands: the store copy is complete and idle, the view holds every record.
    const paths = queryPaths(records, opts.queries);
    progress(`queries: ${fmtInt(paths.length)} filtered GET /standards, ${opts.queryClients} client(s) …`);
    // One untimed query first (warm-up; the view also merges new standards into its code order
    // when a query comes before its background merge has).
    await load.run({ kind: 'queries', base, key: officeKey, paths: paths.slice(0, 1), clients: 1 });
    const queries = await load.run({
      kind: 'queries',
      base,
      key: officeKey,
      paths,
      clients: opts.queryClients,
    });

    // (b) the baseline: raw JetStream publishing, as many in flight as there are HTTP clients.
    const sample = await nats.jsm.streams.getMessage(stream, { seq: 1 });
    const eventBytes = sample?.data.length ?? 1_000;
    const rawPublish = await rawPublishFor(nats, id, opts.clients, opts.rawSeconds * 1000, eventBytes);

    progress(`commands: ${opts.clients} clients for ${opts.durationS} s (${MIX[opts.commandMix]}) …`);
    const stageTargets: StageTarget[] = records
      .filter((r): r is StandardBody & { stage: StageTarget['stage'] } => r.work.kind === 'formulate')
      .map((r) => ({ code: r.code, stage: r.stage }));
    const commandsCpu = measureCpu(infra.pids);
    const rewriteWatch = watchCopyRewrites(mongo.db());
    const profile = opts.cpuProfile ?? opts.heapProfile;
    const profiler = profile ? await startProfiler(opts.cpuProfile ? 'cpu' : 'heap') : undefined;
    const pauses = watchPauses();
    const mainThread0 = process.threadCpuUsage();
    const commands = await load.run({
      kind: 'commands',
      base,
      key: officeKey,
      clients: opts.clients,
      durationMs: opts.durationS * 1000,
      seed: SEED + 1,
      counters: generator.snapshot(),
      stageTargets,
      on: todayUtc(),
      mix: opts.commandMix,
    });
    const mainThread = process.threadCpuUsage(mainThread0);
    const pausesSeen = pauses.stop();
    if (profiler && profile) await profiler.stopInto(profile);
    const rewriteSeconds = await rewriteWatch.stop();
    const commandCpu = {
      ...commandsCpu(),
      mainThreadMs: (mainThread.user + mainThread.system) / 1000,
    };
    // The store copy rewrites changed items, and FerretDB answers every update or delete by _id
    // with a scan of the collection: the writer falls behind. Say how far; do not wait for it.
    const backlog = await snapshotBacklog(nats, stream);

    figures = {
      load: `load average ${loadavg()[0]!.toFixed(2)} at the end; ${otherLoad.describe()}`,
      opts,
      started,
      machine: describeMachine(m),
      servers,
      records,
      recordBytes,
      eventBytes,
      rawInsertMs,
      rawInsertCpu,
      importMs: imported.elapsedMs,
      importCpu: importedCpu,
      chunkLatency: summarize(imported.chunks.map((c) => c.ms)),
      importToStoreMs,
      storedDocs,
      rawPublish,
      commands,
      commandCpu,
      pauses: pausesSeen,
      queries,
      backlog,
      rewriteSeconds,
    };
  } finally {
    await load?.close();
    if (app) {
      // A snapshot batch in flight can take minutes on FerretDB (see above): do not wait for it.
      progress('stopping the service …');
      const closed = await Promise.race([
        app.close().then(() => true),
        new Promise<false>((r) => setTimeout(() => r(false), 20_000).unref()),
      ]);
      if (!closed)
        progress('  the service is still finishing a snapshot batch; stopping the servers under it');
    }
    await nats?.close();
    await mongo.close();
    await infra.stop();
  }
  // Printed once everything has stopped, so the figures' last line is the output's last line.
  if (figures) report(figures);
}

interface RawPublish {
  count: number;
  elapsedMs: number;
  latency: LatencySummary;
  inFlight: number;
  bytes: number;
}

/** Plain js.publish + PubAck, `inFlight` awaited publishers, for a fixed time, into a fresh stream. */
async function rawPublishFor(
  nats: NatsHandle,
  id: string,
  inFlight: number,
  durationMs: number,
  bytes: number,
): Promise<RawPublish> {
  progress(`raw JetStream publish: ${inFlight} in flight for ${fmtS(durationMs)}, ${bytes} bytes each …`);
  const prefix = `hbraw-${id}-cmd`;
  const def = {
    name: `HBRAW_${id}_CMD`.toUpperCase(),
    subjects: [`${prefix}.registry.evt.>`],
    description: 'bench: raw JetStream publish baseline',
    duplicateWindowMs: 10 * 60_000,
  };
  await ensureStream(nats.jsm, def);
  const payload = new Uint8Array(bytes).fill(0x61);
  const latencies: number[] = [];
  let n = 0;
  const started = performance.now();
  const deadline = started + durationMs;
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (performance.now() < deadline) {
        const i = n++;
        const t0 = performance.now();
        await nats.js.publish(`${prefix}.registry.evt.standard-registered.v1.std-${i}`, payload);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const elapsedMs = performance.now() - started;
  await nats.jsm.streams.delete(def.name).catch(() => false);
  return { count: latencies.length, elapsedMs, latency: summarize(latencies), inFlight, bytes };
}

interface RegistryFigures {
  load: string;
  opts: RegistryOptions;
  started: Date;
  machine: string;
  servers: string;
  records: StandardBody[];
  recordBytes: number;
  eventBytes: number;
  rawInsertMs: number;
  rawInsertCpu: CpuUse;
  importMs: number;
  importCpu: CpuUse;
  chunkLatency: LatencySummary;
  importToStoreMs: number | undefined;
  storedDocs: number;
  /** Seconds of the command phase during which the store copy was being rewritten. */
  rewriteSeconds: number;
  rawPublish: RawPublish;
  commands: Awaited<ReturnType<LoadRunner['run']>> & { kind: 'commands' };
  /** CPU during the commands; mainThreadMs is the service's event loop (this process's main thread). */
  commandCpu: CpuUse & { mainThreadMs: number };
  /** What held up the service's event loop during the commands. */
  pauses: Pauses;
  queries: Awaited<ReturnType<LoadRunner['run']>> & { kind: 'queries' };
  backlog: Backlog;
}

function report(f: RegistryFigures): void {
  const { opts } = f;
  const n = f.records.length;
  const rawInsertRate = rate(n, f.rawInsertMs);
  const importRate = rate(n, f.importMs);
  const importRatio = ratio(importRate, rawInsertRate);
  const storeRate = f.importToStoreMs === undefined ? undefined : rate(n, f.importToStoreMs);
  const c = f.commands;
  const okCommands = c.register.ok + c.stage.ok;
  const commandsPerS = rate(okCommands, c.elapsedMs);
  const all = summarize([...c.register.latencies, ...c.stage.latencies]);
  const register = summarize(c.register.latencies);
  const stage = summarize(c.stage.latencies);
  const rawPublishRate = rate(f.rawPublish.count, f.rawPublish.elapsedMs);
  const q = summarize(f.queries.latencies);
  const formulate = f.records.filter((r) => r.work.kind === 'formulate').length;

  out();
  out(`Highland registry benchmark — ${f.started.toISOString()}`);
  out(`machine:  ${f.machine}`);
  out(`servers:  ${f.servers}`);
  out(`load:     ${f.load}`);
  out(
    `service:  registry in this process (createService + listen; LOG_LEVEL=warn, BODY_LIMIT=32mb; tracing ${describeTracing(opts.telemetry)}); ` +
      'HTTP load from a worker thread of the same process (node:http, keep-alive)',
  );
  out(
    `records:  ${fmtInt(n)} standards (${levelCounts(f.records)}; ${fmtInt(formulate)} work items, ${fmtInt(n - formulate)} existing), ~${Math.round(f.recordBytes)} bytes of JSON each`,
  );
  out();
  out('(a) bulk import');
  out(
    table([
      ['path', 'records', 'elapsed', 'rate', 'vs raw'],
      [
        `raw insertMany, batches of ${RAW_BATCH}, one at a time, fresh collection`,
        fmtInt(n),
        fmtS(f.rawInsertMs),
        fmtRate(rawInsertRate),
        '1.00x',
      ],
      [
        `POST /import, ${opts.chunk} per request, ${opts.importInFlight} in flight (answered: events in JetStream, view updated)`,
        fmtInt(n),
        fmtS(f.importMs),
        fmtRate(importRate),
        `${fmtRatio(importRatio)}x`,
      ],
      [
        'same import until the store copy (snapshot writer) holds every record',
        fmtInt(f.storedDocs),
        f.importToStoreMs === undefined ? 'timed out' : fmtS(f.importToStoreMs),
        fmtRate(storeRate),
        `${fmtRatio(ratio(storeRate, rawInsertRate))}x`,
      ],
    ]),
  );
  out(
    `POST /import latency per ${opts.chunk}-record request: p50 ${fmtMs(f.chunkLatency.p50)}, max ${fmtMs(f.chunkLatency.max)}`,
  );
  const perRecord = (ms: number) => `${fmtNum((ms * 1000) / n, 0)} µs`;
  out(
    `CPU per record: raw insertMany — this process ${perRecord(f.rawInsertCpu.ownMs)}, servers ${perRecord(f.rawInsertCpu.serversMs)}; ` +
      `POST /import — this process ${perRecord(f.importCpu.ownMs)} (service, load worker, GC), servers ${perRecord(f.importCpu.serversMs)} (NATS, the store copy)`,
  );
  out(`during the raw insertMany: ${f.rawInsertCpu.other}; during the import: ${f.importCpu.other}`);
  out();
  out(
    `(b) commands: ${opts.clients} concurrent HTTP clients for ${opts.durationS} s, ${MIX[opts.commandMix]}`,
  );
  out(
    table([
      ['command', 'ok', 'rate', 'p50', 'p90', 'p99', 'max'],
      latencyRow('POST /standards (new standard)', register, rate(c.register.ok, c.elapsedMs)),
      latencyRow('POST /standards/:code/stage (next stage)', stage, rate(c.stage.ok, c.elapsedMs)),
      latencyRow('all commands', all, commandsPerS),
      latencyRow(
        `raw js.publish + PubAck, ${f.rawPublish.inFlight} in flight, ${f.rawPublish.bytes} B (${fmtS(f.rawPublish.elapsedMs)})`,
        f.rawPublish.latency,
        rawPublishRate,
      ),
    ]),
  );
  const failed = [
    failures(c.register) && `new standard: ${failures(c.register)}`,
    failures(c.stage) && `stage: ${failures(c.stage)}`,
  ].filter(Boolean);
  if (failed.length) {
    out(`failed commands (not counted): ${failed.join('; ')}`);
    for (const e of [...c.register.sampleErrors, ...c.stage.sampleErrors].slice(0, 3)) out(`  ${e}`);
  }
  out(
    `commands / raw JetStream publish (same concurrency): ${fmtRatio(ratio(commandsPerS, rawPublishRate))}`,
  );
  const cc = f.commandCpu;
  const perCommand = (ms: number) => `${fmtNum((ms * 1000) / Math.max(1, okCommands), 0)} µs`;
  out(
    `CPU per command: the service's event loop (main thread) ${perCommand(cc.mainThreadMs)}, the clients (load worker) ${perCommand(c.clientCpuMs)}, ` +
      `rest of this process (GC and libuv threads) ${perCommand(cc.ownMs - cc.mainThreadMs - c.clientCpuMs)}, servers ${perCommand(cc.serversMs)} (NATS, the store copy); ` +
      `main thread busy ${fmtNum((100 * cc.mainThreadMs) / c.elapsedMs, 0)} % of the time; during the commands: ${cc.other}`,
  );
  const p = f.pauses;
  const gcLine = (name: string, g: Pauses['minor']) =>
    `${name} ${fmtInt(g.count)} × (${fmtMs(g.totalMs)} in all, longest ${fmtMs(g.maxMs)})`;
  out(
    `event loop during the commands: delay p50 ${fmtMs(p.delayP50Ms)}, p99 ${fmtMs(p.delayP99Ms)}, max ${fmtMs(p.delayMaxMs)}; ` +
      `GC pauses: ${gcLine('minor', p.minor)}, ${gcLine('major', p.major)}, ${gcLine('incremental steps', p.incremental)}`,
  );
  out(
    `store copy after the commands: ${fmtInt(f.backlog.events)} of ${fmtInt(f.backlog.lastSeq)} events not yet handled by the snapshot writer ` +
      '(new items are inserted at once; changed items reach the copy when it is rewritten, a minute after the first change: FerretDB answers every update or delete with a scan of the collection); ' +
      `a rewrite of the copy ran during ~${f.rewriteSeconds.toFixed(0)} s of the command phase`,
  );
  out();
  out(
    `(c) queries: ${fmtInt(q.count)} filtered, paginated GET /standards over ${fmtInt(n)}+ standards, ${opts.queryClients} client(s)`,
  );
  out(
    table([
      ['query', 'ok', 'rate', 'p50', 'p90', 'p99', 'max'],
      latencyRow(
        'level / ics prefix / code prefix / stage / date range / organisation / sector / kind; limit 20-100, offset 0-200',
        q,
        rate(q.count, f.queries.elapsedMs),
      ),
    ]),
  );
  out(
    `${fmtInt(f.queries.nonEmpty)} of ${fmtInt(q.count)} queries matched something (mean total ${fmtInt(f.queries.meanTotal)})`,
  );
  if (Object.keys(f.queries.failed).length) {
    out(`failed queries: ${JSON.stringify(f.queries.failed)}`);
    for (const e of f.queries.sampleErrors.slice(0, 3)) out(`  ${e}`);
  }
  out();
  const goal = (ok: boolean) => (ok ? 'goal met' : 'goal MISSED');
  out(`import ≥ 0.5x raw insertMany: ${goal((importRatio ?? 0) >= 0.5)} (${fmtRatio(importRatio)}x)`);
  out(
    `commands ≥ 1,000/s with p99 < 100 ms: ${goal(commandsPerS >= 1000 && all.p99 < 100)} (${fmtInt(commandsPerS)}/s, p99 ${fmtMs(all.p99)})`,
  );
  out(`queries p99 < 20 ms: ${goal(q.p99 < 20)} (p99 ${fmtMs(q.p99)})`);
  out(
    `registry import_ratio=${fmtRatio(importRatio)} commands_per_s=${fmtNum(commandsPerS, 0)} command_p99_ms=${fmtNum(all.p99)} query_p99_ms=${fmtNum(q.p99)}`,
  );
}
