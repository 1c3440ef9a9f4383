import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { freePort, repoRoot } from '@highland/infra';
import {
  describeMachine,
  machine,
  out,
  progress,
  runId,
  startBenchInfra,
  storeVersion,
  todayUtc,
} from './environment.js';
import {
  fmtInt,
  fmtMs,
  fmtNum,
  fmtRate,
  fmtS,
  type LatencySummary,
  rate,
  summarize,
  table,
} from './stats.js';
import { parseEpingCsv } from '@highland/tbt/adapters';
import {
  type MatchableNotification,
  naiveMatch,
  prepareNotification,
  type ProfileMatch,
  ProfileIndex,
  type EpingRow,
  type ExporterProfile,
} from '@highland/tbt/domain';
import {
  realisticNotifications,
  syntheticEpingLines,
  syntheticProfiles,
  worstCaseNotifications,
} from './tbt-data.js';

/**
 * `bench tbt`: the TBT alert service's matching and ingest, in this process.
 *
 * (a) Matching: 100,000 synthetic exporter profiles in a `ProfileIndex` (the service's in-memory
 *     index), then for each notification of a realistic set (the 32 real rows of ePing's sample
 *     export plus generated ones) the time of `index.match` and of `naiveMatch` (every profile
 *     checked one by one with the same rules) over the same profiles; both must return the same
 *     matches. The same for a worst case of broad notifications.
 * (b) Ingest: a 10,000-row ePing CSV export (the sample's rows varied) through `parseEpingCsv`,
 *     and through the running service's `POST /notifications/import` in chunks as
 *     `./highland import tbt` sends them (embedded NATS + FerretDB).
 *
 * Ends with: `tbt match_p99_ms=<x> speedup_vs_scan=<y>` (realistic set).
 */
export interface TbtBenchOptions {
  /** A short run: fewer notifications and rows (still 100,000 profiles). */
  quick?: boolean;
  /** Exporter profiles (default 100,000). */
  profiles?: number;
  /** Notifications of the realistic set: the sample's 32 rows, then generated (default 1,000; quick 200). */
  notifications?: number;
  /** Broad notifications of the worst case (default 50; quick 10). */
  worstCase?: number;
  /** Times each notification is matched through the index (default 5; quick 3); the scan runs once. */
  rounds?: number;
  /** Rows of the synthetic ePing export (default 10,000; quick 2,000). */
  ingestRows?: number;
  /** Also import the export through the running service over HTTP (default true). */
  http?: boolean;
  /** Rows per POST /notifications/import (default 200, as `./highland import tbt` sends them). */
  importChunk?: number;
  seed?: number;
}

interface Resolved {
  quick: boolean;
  profiles: number;
  notifications: number;
  worstCase: number;
  rounds: number;
  ingestRows: number;
  http: boolean;
  importChunk: number;
  seed: number;
}

function resolve(o: TbtBenchOptions): Resolved {
  const quick = o.quick ?? false;
  return {
    quick,
    profiles: o.profiles ?? 100_000,
    notifications: o.notifications ?? (quick ? 200 : 1_000),
    worstCase: o.worstCase ?? (quick ? 10 : 50),
    rounds: o.rounds ?? (quick ? 3 : 5),
    ingestRows: o.ingestRows ?? (quick ? 2_000 : 10_000),
    http: o.http ?? true,
    importChunk: o.importChunk ?? 200,
    seed: o.seed ?? 20_261_126,
  };
}

const SAMPLE = ['services', 'tbt', 'test', 'fixtures', 'notifications-sample.csv'];

interface SetFigures {
  name: string;
  notifications: number;
  index: LatencySummary;
  scan: LatencySummary;
  prepare: LatencySummary;
  matches: { mean: number; max: number };
  disagreements: number;
}

/** Raw timings of one set, per notification, so subsets can be summarised too. */
interface SetSamples {
  /** index.match times of notification i, one per round. */
  index: number[][];
  scan: number[];
  prepare: number[];
  matches: number[];
  agree: boolean[];
}

/** The same matches, in the same order, with the same reasons. */
function sameMatches(a: readonly ProfileMatch[], b: readonly ProfileMatch[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    if (a[i]!.profileId !== b[i]!.profileId || a[i]!.reasons.length !== b[i]!.reasons.length) return false;
  }
  return true;
}

/** A full garbage collection now (V8's gc, exposed at run time), so one set does not pay for another's garbage. */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

function measureSet(
  name: string,
  index: ProfileIndex,
  profiles: readonly ExporterProfile[],
  set: readonly MatchableNotification[],
  rounds: number,
): SetSamples {
  collectGarbage();
  progress(`${name}: index.match × ${rounds} rounds over ${fmtInt(set.length)} notifications …`);
  const samples: SetSamples = { index: set.map(() => []), scan: [], prepare: [], matches: [], agree: [] };
  const results: ProfileMatch[][] = [];
  for (let r = 0; r < rounds; r++) {
    for (const [i, n] of set.entries()) {
      const t = performance.now();
      const found = index.match(n);
      samples.index[i]!.push(performance.now() - t);
      if (r === 0) results[i] = found;
    }
  }
  progress(`${name}: naive scan of ${fmtInt(profiles.length)} profiles per notification …`);
  for (const [i, n] of set.entries()) {
    const t = performance.now();
    const found = naiveMatch(profiles, n);
    samples.scan.push(performance.now() - t);
    samples.agree.push(sameMatches(found, results[i]!));
    samples.matches.push(found.length);
  }
  for (const n of set) {
    const t = performance.now();
    prepareNotification(n);
    samples.prepare.push(performance.now() - t);
  }
  return samples;
}

/** Figures of notifications [from, to) of a measured set. */
function figures(name: string, s: SetSamples, from = 0, to = s.scan.length): SetFigures {
  const counts = s.matches.slice(from, to);
  return {
    name,
    notifications: counts.length,
    index: summarize(s.index.slice(from, to).flat()),
    scan: summarize(s.scan.slice(from, to)),
    prepare: summarize(s.prepare.slice(from, to)),
    matches: {
      mean: counts.reduce((a, c) => a + c, 0) / Math.max(1, counts.length),
      max: Math.max(0, ...counts),
    },
    disagreements: s.agree.slice(from, to).filter((ok) => !ok).length,
  };
}

interface HttpImport {
  rows: number;
  recorded: number;
  unchanged: number;
  rejected: number;
  elapsedMs: number;
  chunkLatency: LatencySummary;
  servers: string;
}

interface ImportAnswer {
  rows: number;
  recorded: number;
  unchanged: number;
  rejected: number;
}

async function importOverHttp(lines: readonly string[], chunk: number): Promise<HttpImport> {
  progress('starting the servers …');
  const infra = await startBenchInfra();
  // Only these two modules need the service's dependencies: load them when this part runs.
  const { tbtService, TbtConfig } = await import('@highland/tbt');
  const { createService, listen, parseConfig } = await import('@highland/service-kit');
  const id = runId();
  const officeKey = `hl_bench_office_${randomBytes(24).toString('hex')}`;
  const mongo = new URL(infra.mongoUrl);
  mongo.pathname = `/bench_tbt_${id}`;
  let app: Awaited<ReturnType<typeof createService>> | undefined;
  try {
    const servers = `${await storeVersion(infra.mongoUrl, infra.mongoKind)}; ${infra.describe}`;
    const port = await freePort();
    const config = parseConfig(TbtConfig, {
      PORT: String(port),
      HOST: '127.0.0.1',
      NATS_URL: infra.natsUrl,
      ...(infra.natsCredentialsFile ? { NATS_CREDENTIALS_FILE: infra.natsCredentialsFile } : {}),
      MONGO_URL: mongo.toString(),
      HIGHLAND_NAMESPACE: `bench-${id}`,
      HIGHLAND_BOOTSTRAP_OFFICE_KEY: officeKey,
      // One key drives the whole load: the per-key rate limit would measure itself.
      RATE_LIMIT_REQUESTS: '0',
      // The matcher asks the registry (not running here) for enterprises' ICS and warns each time.
      LOG_LEVEL: 'error',
    });
    progress('starting the TBT service in this process …');
    app = await createService(tbtService(config));
    await listen(app, config);
    const [header, ...rows] = lines;
    const totals = { rows: 0, recorded: 0, unchanged: 0, rejected: 0 };
    const latencies: number[] = [];
    progress(`POST /notifications/import: ${fmtInt(rows.length)} rows in chunks of ${chunk} …`);
    const started = performance.now();
    for (let i = 0; i < rows.length; i += chunk) {
      const body = `${header}\n${rows.slice(i, i + chunk).join('\n')}\n`;
      const t = performance.now();
      const res = await fetch(`http://127.0.0.1:${port}/notifications/import`, {
        method: 'POST',
        headers: { authorization: `Bearer ${officeKey}`, 'content-type': 'text/csv' },
        body,
        signal: AbortSignal.timeout(300_000),
      });
      const answer = (await res.json()) as ImportAnswer;
      latencies.push(performance.now() - t);
      if (!res.ok)
        throw new Error(`POST /notifications/import: HTTP ${res.status} ${JSON.stringify(answer)}`);
      totals.rows += answer.rows;
      totals.recorded += answer.recorded;
      totals.unchanged += answer.unchanged;
      totals.rejected += answer.rejected;
    }
    const elapsedMs = performance.now() - started;
    return { ...totals, elapsedMs, chunkLatency: summarize(latencies), servers };
  } finally {
    await app?.close();
    await infra.stop();
  }
}

export async function runTbtBench(options: TbtBenchOptions = {}): Promise<void> {
  const opts = resolve(options);
  const started = new Date();
  const m = machine();

  progress(`generating ${fmtInt(opts.profiles)} exporter profiles (mixed) …`);
  const { profiles, refused } = syntheticProfiles(opts.profiles, opts.seed, 'mixed');
  const heapBefore = process.memoryUsage().heapUsed;
  const buildStarted = performance.now();
  const index = new ProfileIndex(profiles);
  const buildMs = performance.now() - buildStarted;
  const heapMiB = (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20;

  const sampleText = readFileSync(join(repoRoot(), ...SAMPLE), 'utf8');
  const sample = parseEpingCsv(sampleText);
  if (!sample.ok) throw new Error(`the ePing sample cannot be read: ${sample.error.reason}`);
  const sampleRows: EpingRow[] = sample.rows;
  const realistic = realisticNotifications(sampleRows, opts.notifications, opts.seed + 1);
  const worst = worstCaseNotifications(opts.worstCase, opts.seed + 2);
  const fromSample = Math.min(sampleRows.length, realistic.length);

  progress('warm-up …');
  for (const n of [...realistic.slice(0, 100), ...worst.slice(0, 3)]) index.match(n);
  for (const n of realistic.slice(0, 5)) naiveMatch(profiles, n);

  const mixedSamples = measureSet('realistic, mixed profiles', index, profiles, realistic, opts.rounds);
  const real = figures('realistic set, mixed profiles', mixedSamples);
  const worstFigures = figures(
    'worst case, mixed profiles',
    measureSet('worst case, mixed profiles', index, profiles, worst, opts.rounds),
  );

  progress(`generating ${fmtInt(opts.profiles)} exporter profiles (specific) …`);
  const specific = syntheticProfiles(opts.profiles, opts.seed + 3, 'specific').profiles;
  const specificIndex = new ProfileIndex(specific);
  for (const n of realistic.slice(0, 100)) specificIndex.match(n);
  // As for the mixed profiles: the scan compiles each profile once, not inside a timed notification.
  for (const n of realistic.slice(0, 5)) naiveMatch(specific, n);
  const specificFigures = figures(
    'realistic set, specific profiles',
    measureSet('realistic, specific profiles', specificIndex, specific, realistic, opts.rounds),
  );
  const sets: SetFigures[] = [
    real,
    figures('  of which the ePing sample rows', mixedSamples, 0, fromSample),
    figures('  of which generated', mixedSamples, fromSample),
    specificFigures,
    worstFigures,
  ];

  // (b) ingest
  progress(`synthesising a ${fmtInt(opts.ingestRows)}-row ePing export …`);
  const headers = sampleText
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/, 1)[0]!
    .split(',');
  const lines = syntheticEpingLines(headers, sampleRows, opts.ingestRows);
  const csv = `${lines.join('\n')}\n`;
  parseEpingCsv(csv.slice(0, 200_000)); // warm-up (a prefix; a cut last record is harmless here)
  const parseMs: number[] = [];
  let parsed = parseEpingCsv(csv);
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    parsed = parseEpingCsv(csv);
    parseMs.push(performance.now() - t);
  }
  if (!parsed.ok) throw new Error(`the synthetic export cannot be read: ${parsed.error.reason}`);
  const parseMedianMs = [...parseMs].sort((a, b) => a - b)[1]!;
  const http = opts.http ? await importOverHttp(lines, opts.importChunk) : undefined;

  const speedup = real.scan.mean / real.index.mean;
  const worstSpeedup = worstFigures.scan.mean / worstFigures.index.mean;
  const perMatchUs = (s: SetFigures) => (s.matches.mean > 0 ? (s.index.mean * 1000) / s.matches.mean : NaN);

  out();
  out(`Highland TBT benchmark — ${started.toISOString()} (${todayUtc()})`);
  out(`machine:   ${describeMachine(m)}`);
  out(
    `profiles:  ${fmtInt(profiles.length)} synthetic (${refused} refused by parseExporterProfile); ProfileIndex built in ${fmtS(buildMs)} (${fmtRate(rate(profiles.length, buildMs))}), ~${fmtInt(heapMiB)} MiB heap`,
  );
  out(
    `sets:      realistic = the ${fromSample} rows of ePing's sample export + ${fmtInt(realistic.length - fromSample)} generated; ` +
      `worst case = ${opts.worstCase} broad EU notifications (3 HS chapters, 2 ICS fields, 6 profile keywords in the text)`,
  );
  out(
    `           mixed profiles: 10 % of HS codes whole chapters, 15 % without market restriction; specific: 4/6-digit HS, ICS groups, 1-3 markets (tbt-data.ts)`,
  );
  out(
    `timing:    index.match ${opts.rounds}× per notification, naiveMatch once; both from the unprepared notification (prepareNotification included)`,
  );
  out();
  out('(a) matching one notification against the profiles');
  out(
    table([
      [
        'set',
        'notifications',
        'matches mean',
        'max',
        'index p50',
        'p99',
        'max',
        'mean',
        'scan p50',
        'p99',
        'mean',
        'speedup',
        'agree',
      ],
      ...sets.map((s) => [
        s.name,
        fmtInt(s.notifications),
        fmtNum(s.matches.mean, 0),
        fmtInt(s.matches.max),
        fmtMs(s.index.p50),
        fmtMs(s.index.p99),
        fmtMs(s.index.max),
        fmtMs(s.index.mean),
        fmtMs(s.scan.p50),
        fmtMs(s.scan.p99),
        fmtMs(s.scan.mean),
        `${fmtNum(s.scan.mean / s.index.mean, 1)}x`,
        s.disagreements === 0 ? 'yes' : `${s.disagreements} differ`,
      ]),
    ]),
  );
  out(
    `prepareNotification alone: p50 ${fmtMs(real.prepare.p50)} (realistic), ${fmtMs(worstFigures.prepare.p50)} (worst case); ` +
      `index time per matched profile: ${fmtNum(perMatchUs(real), 1)} µs (realistic), ${fmtNum(perMatchUs(worstFigures), 1)} µs (worst case)`,
  );
  out();
  out(
    `(b) ingest of a ${fmtInt(opts.ingestRows)}-row ePing CSV export (${fmtInt(Buffer.byteLength(csv) / 1024)} KiB)`,
  );
  const ingestRows: string[][] = [
    ['path', 'rows', 'recorded', 'rejected', 'time', 'rate'],
    [
      'parseEpingCsv (median of 3)',
      fmtInt(parsed.total),
      fmtInt(parsed.rows.length),
      fmtInt(parsed.errors.length),
      fmtS(parseMedianMs),
      fmtRate(rate(parsed.total, parseMedianMs)),
    ],
  ];
  if (http) {
    ingestRows.push([
      `POST /notifications/import, ${opts.importChunk} rows per request, one at a time`,
      fmtInt(http.rows),
      fmtInt(http.recorded),
      fmtInt(http.rejected),
      fmtS(http.elapsedMs),
      fmtRate(rate(http.rows, http.elapsedMs)),
    ]);
  }
  out(table(ingestRows));
  if (http) {
    out(
      `per request: p50 ${fmtMs(http.chunkLatency.p50)}, p99 ${fmtMs(http.chunkLatency.p99)}; ${http.unchanged} rows unchanged; servers: ${http.servers}`,
    );
  } else out('POST /notifications/import: not run');
  out();
  const goal = (ok: boolean) => (ok ? 'goal met' : 'goal MISSED');
  out(`match p99 < 1 ms: ${goal(real.index.p99 < 1)} (realistic p99 ${fmtMs(real.index.p99)})`);
  out(`index >= 100x the naive scan: ${goal(speedup >= 100)} (realistic ${fmtNum(speedup, 1)}x)`);
  out(
    `worst case (not a goal): p99 ${fmtMs(worstFigures.index.p99)}, ${fmtNum(worstSpeedup, 1)}x, ${fmtInt(worstFigures.matches.mean)} matches per notification`,
  );
  out(`tbt match_p99_ms=${fmtNum(real.index.p99, 3)} speedup_vs_scan=${fmtNum(speedup, 1)}`);
}
