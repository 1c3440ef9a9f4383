import { ADMIN_USER, seedFileIn } from '@highland/messaging';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { type Infra, repoRoot, startInfra } from '@highland/infra';
import { MongoClient } from 'mongodb';

const processStart = performance.now();

/** Progress goes to stderr (with seconds since start); figures go to stdout. */
export const progress = (message: string): void => {
  const s = ((performance.now() - processStart) / 1000).toFixed(1);
  process.stderr.write(`bench [${s.padStart(6)} s]: ${message}\n`);
};

export const out = (line = ''): void => {
  process.stdout.write(`${line}\n`);
};

export interface Machine {
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  node: string;
  platform: string;
  /** 1-minute load average when the run started: other work on the machine skews every figure. */
  load1: number;
}

export function machine(): Machine {
  return {
    cpus: availableParallelism(),
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    memoryGiB: totalmem() / 2 ** 30,
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    load1: loadavg()[0] ?? 0,
  };
}

export function describeMachine(m: Machine): string {
  return `${m.cpus} CPUs (${m.cpuModel}), ${m.memoryGiB.toFixed(1)} GiB, ${m.platform}; Node ${m.node}; load average ${m.load1.toFixed(2)} at start`;
}

export interface BenchInfra {
  natsUrl: string;
  mongoUrl: string;
  mongoKind: string;
  /** The all-permissions NATS user's seed (the benchmarks host many services in one process). */
  natsCredentialsFile?: string;
  /** Processes started for this run (the embedded servers). */
  pids: number[];
  /** How each server was provided: embedded (deploy/embedded: nats-server + FerretDB in one Go process) or external. */
  describe: string;
  stop(): Promise<void>;
}

/**
 * Servers for one benchmark run: the embedded ones (nats-server and FerretDB on SQLite, one Go
 * process) in a temporary folder removed afterwards, tied to this process so they never outlive it.
 * NATS_URL / MONGO_URL, when set, point the benchmark at other servers instead (reported as such).
 */
export async function startBenchInfra(): Promise<BenchInfra> {
  const dataDir = mkdtempSync(join(tmpdir(), 'highland-bench-'));
  let infra: Infra;
  try {
    infra = await startInfra({ dataDir, tiedToThisProcess: true, progress, adminUser: true });
  } catch (err) {
    rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
  return {
    natsUrl: infra.natsUrl,
    mongoUrl: infra.mongoUrl,
    mongoKind: infra.mongoKind,
    ...(infra.natsCredentialsDir
      ? { natsCredentialsFile: seedFileIn(infra.natsCredentialsDir, ADMIN_USER) }
      : {}),
    pids: infra.pids,
    describe: `NATS ${infra.natsKind}, store ${infra.mongoKind}; data in ${dataDir} (removed afterwards)`,
    stop: async () => {
      await infra.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The FerretDB module version the embedded servers are built from (deploy/embedded/go.mod). */
function embeddedFerretVersion(): string | undefined {
  try {
    const goMod = readFileSync(join(repoRoot(), 'deploy', 'embedded', 'go.mod'), 'utf8');
    return /github\.com\/FerretDB\/FerretDB v(\S+)/.exec(goMod)?.[1];
  } catch {
    return undefined;
  }
}

/**
 * `buildInfo` of the store. FerretDB answers with the MongoDB version it emulates and its own
 * (`unknown` when embedded as a library, so the embedded build's go.mod says which it is).
 */
export async function storeVersion(mongoUrl: string, kind: string): Promise<string> {
  const client = new MongoClient(mongoUrl, { serverSelectionTimeoutMS: 5_000 });
  try {
    const info = await client.db('admin').command({ buildInfo: 1 });
    const emulated = String(info.version);
    if (info.ferretdbVersion === undefined) return `MongoDB ${emulated}`;
    const reported = String(info.ferretdbVersion).replace(/^v/, '');
    const version =
      reported !== 'unknown' ? reported : kind === 'ferretdb' ? embeddedFerretVersion() : undefined;
    const backend = kind === 'ferretdb' ? ', SQLite backend' : '';
    return `FerretDB ${version ?? 'unknown'}${backend} (reports MongoDB ${emulated})`;
  } finally {
    await client.close();
  }
}

export const todayUtc = (): string => new Date().toISOString().slice(0, 10);

/** A short id for names of this run's streams, consumers and databases. */
export const runId = (): string => Math.random().toString(36).slice(2, 8);

const CLOCK_TICKS_PER_S = 100; // USER_HZ on Linux

function machineBusyTicks(): number | undefined {
  try {
    const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    // user nice system idle iowait irq softirq steal: everything but idle and iowait is busy.
    return cpu.slice(0, 8).reduce((sum, v, i) => (i === 3 || i === 4 ? sum : sum + v), 0);
  } catch {
    return undefined;
  }
}

function processTicks(pid: number): number {
  try {
    // Fields after the command name: utime and stime are the 12th and 13th.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0;
  }
}

/**
 * How much CPU other processes took while a benchmark ran (Linux /proc): everything the machine
 * did minus this process and the servers it started. A shared machine skews every figure; this
 * says by how much, instead of guessing.
 */
export class OtherLoad {
  private readonly busy0 = machineBusyTicks();
  private readonly own0 = process.cpuUsage();
  private readonly servers0: number;
  private readonly wall0 = performance.now();

  constructor(private readonly serverPids: readonly number[]) {
    this.servers0 = serverPids.reduce((s, pid) => s + processTicks(pid), 0);
  }

  /** e.g. "other processes used 3.2 CPU-s (2 % of the machine's 2 CPUs over 80 s)". */
  describe(): string {
    const busy1 = machineBusyTicks();
    if (this.busy0 === undefined || busy1 === undefined) return 'other load: unknown (no /proc/stat)';
    const own = process.cpuUsage(this.own0);
    const servers = this.serverPids.reduce((s, pid) => s + processTicks(pid), 0) - this.servers0;
    const otherS = Math.max(
      0,
      (busy1 - this.busy0 - servers) / CLOCK_TICKS_PER_S - (own.user + own.system) / 1e6,
    );
    const wallS = (performance.now() - this.wall0) / 1000;
    const share = (100 * otherS) / (wallS * availableParallelism());
    return `other processes used ${otherS.toFixed(1)} CPU-s during the run (${share.toFixed(0)} % of the machine's ${availableParallelism()} CPUs over ${wallS.toFixed(0)} s)`;
  }
}

/** How tracing runs in a bench, as telemetry.ts runs it in the services. */
export function describeTracing(on: boolean): string {
  if (!on) return 'off (no SDK: @opentelemetry/api no-op)';
  const exported = Boolean(
    process.env.OTEL_EXPORTER_OTLP_ENDPOINT ||
    process.env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ||
    process.env.HIGHLAND_TRACE_FILE,
  );
  return exported
    ? 'as the services run it: spans recorded and exported'
    : 'as the services run it: trace context only, no spans (nothing to export them to)';
}

/** The same server, another database: each benchmark writes to its own. */
export const withDatabase = (url: string, db: string): string => {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
};
