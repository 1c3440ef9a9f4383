import { randomBytes } from 'node:crypto';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { EventEnvelope } from '@highland/contracts';
import { freePort } from '@highland/infra';
import {
  connectNats,
  decodeEvent,
  ensureStream,
  EventPublisher,
  type NatsHandle,
  Topology,
} from '@highland/messaging';
import { ReportingView } from '@highland/reporting';
import type { MsgHdrs } from '@nats-io/nats-core';
import {
  type BenchInfra,
  describeMachine,
  machine,
  out,
  progress,
  runId,
  startBenchInfra,
  storeVersion,
} from './environment.js';
import { adoptedStandard, publishRaw, RegistryHistory } from './reporting-data.js';
import { openSse } from './reporting-sse.js';
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
  windowed,
} from './stats.js';

/**
 * `bench reporting`: the reporting service's two promises, on embedded NATS + FerretDB.
 *
 * (a) Replay: a large synthetic registry history (1,000,000 events) in REGISTRY_EVENTS of a
 *     namespace of its own; then, in the same run, the raw read rate of the stream (an ordered
 *     consumer reading every message and JSON.parse-ing it) and the rebuild rate of the reporting
 *     view (`ReportingView.start()`: both streams replayed to their ends, then the plans
 *     evaluated). replay_ratio = view events/s ÷ raw events/s (goal ≥ 0.5). A breakdown of the
 *     view's cost per event (decode, zod validation, projection into facts) on a sample follows.
 * (b) Live lag: the reporting service in this process, an SSE client on /progress/stream, and a
 *     steady 500 events/s, each a new published standard adopting an international one, so each
 *     raises the seed plan's `intl-adopted` count by one; the lag of event k is the time from its
 *     publish to the first SSE `progress` message whose value reaches k (goal p99 < 250 ms).
 *
 * Ends with: `reporting replay_ratio=<x> lag_p99_ms=<y>`.
 */
export interface ReportingBenchOptions {
  /** A short run: 100,000 events of history, 10 s of live load. */
  quick?: boolean;
  /** Events of the synthetic history (default 1,000,000; quick 100,000). */
  events?: number;
  /** Publishes in flight while writing the history (default 1,000). */
  window?: number;
  /** Messages kept from the raw read for the per-event breakdown (default 100,000; quick 20,000). */
  sample?: number;
  /** Live events per second (default 500). */
  rate?: number;
  /** Seconds of live load measured (default 30; quick 10). */
  durationS?: number;
  /** Seconds of live load before the measured ones, not counted (default 2; quick 1). */
  warmupS?: number;
  /** Registry events already in the live namespace before the service starts (default 0). */
  liveHistory?: number;
  seed?: number;
}

interface Resolved {
  quick: boolean;
  events: number;
  window: number;
  sample: number;
  rate: number;
  durationS: number;
  warmupS: number;
  liveHistory: number;
  seed: number;
}

function resolve(o: ReportingBenchOptions): Resolved {
  const quick = o.quick ?? false;
  const events = o.events ?? (quick ? 100_000 : 1_000_000);
  return {
    quick,
    events,
    window: o.window ?? 1_000,
    sample: Math.min(events, o.sample ?? (quick ? 20_000 : 100_000)),
    rate: o.rate ?? 500,
    durationS: o.durationS ?? (quick ? 10 : 30),
    warmupS: o.warmupS ?? (quick ? 1 : 2),
    liveHistory: o.liveHistory ?? 0,
    seed: o.seed ?? 20_261_126,
  };
}

const INDICATOR = 'intl-adopted';
const MiB = 2 ** 20;

/** A message as delivered, headers not yet decoded (the NATS client decodes them on first access). */
interface Kept {
  subject: string;
  data: Uint8Array;
  readonly headers?: MsgHdrs;
  seq: number;
}

/** Writes `n` history events into the namespace's REGISTRY_EVENTS; returns the elapsed ms and bytes. */
async function writeHistory(
  nats: NatsHandle,
  topology: Topology,
  n: number,
  window: number,
  seed: number,
  label: string,
): Promise<{ ms: number; bytes: number; counts: Map<string, number> }> {
  await ensureStream(nats.jsm, topology.eventStream('registry'));
  await ensureStream(nats.jsm, topology.eventStream('reporting'));
  const publisher = new EventPublisher(nats.js, topology, 'registry');
  const history = new RegistryHistory(seed);
  let bytes = 0;
  const step = Math.max(10_000, Math.round(n / 10));
  const ms = await windowed(n, window, async (i) => {
    const e = history.next();
    const event = publisher.envelope(e.contract, e.input);
    const payload = JSON.stringify(event);
    bytes += Buffer.byteLength(payload);
    await publishRaw(nats.js, topology, e.contract, event, payload);
    if ((i + 1) % step === 0) progress(`  ${label}: ${fmtInt(i + 1)} of ${fmtInt(n)} published`);
  });
  const info = await nats.jsm.streams.info(topology.eventStream('registry').name);
  if (info.state.messages !== n) {
    throw new Error(`REGISTRY_EVENTS holds ${info.state.messages} messages, ${n} were published`);
  }
  return { ms, bytes, counts: history.counts };
}

/** The raw baseline: an ordered consumer over the whole stream, JSON.parse of every message. */
async function rawRead(
  nats: NatsHandle,
  topology: Topology,
  total: number,
  keep: number,
): Promise<{ ms: number; kept: Kept[] }> {
  const kept: Kept[] = [];
  const decoder = new TextDecoder();
  const started = performance.now();
  const consumer = await nats.js.consumers.get(topology.eventStream('registry').name, {
    filter_subjects: [topology.serviceEvents('registry')],
  });
  // The same pull size as the view's StreamFollower.
  const messages = await consumer.consume({ max_messages: 2_000 });
  let count = 0;
  let parsed = 0;
  for await (const m of messages) {
    const body = JSON.parse(decoder.decode(m.data)) as { id?: string };
    if (body.id) parsed++;
    if (kept.length < keep) kept.push(m);
    if (++count >= total) break;
  }
  const ms = performance.now() - started;
  await messages.close();
  if (parsed !== total) throw new Error(`raw read parsed ${parsed} of ${total} messages`);
  return { ms, kept };
}

interface Breakdown {
  parseUs: number;
  /** decodeEvent: contract lookup from the envelope, JSON.parse, the contract check. */
  decodeUs: number;
  applyUs: number;
  /** The first evaluation of every plan on the applied sample: it builds the indicator tallies. */
  tallyUs: number;
  decodeFailures: number;
}

/** Per-event cost of the view's steps on the kept messages, one step at a time. */
function breakdown(nats: NatsHandle, topology: Topology, kept: readonly Kept[]): Breakdown {
  const decoder = new TextDecoder();
  const perEvent = (ms: number) => (ms * 1000) / kept.length;
  // Each step is timed three times, the fastest kept (the machine may be busy).
  const fastest = (run: () => void) => {
    let best = Number.POSITIVE_INFINITY;
    for (let r = 0; r < 3; r++) {
      const started = performance.now();
      run();
      best = Math.min(best, performance.now() - started);
    }
    return perEvent(best);
  };
  const parseUs = fastest(() => {
    for (const m of kept) JSON.parse(decoder.decode(m.data));
  });
  let decoded: Array<{ event: EventEnvelope; seq: number }> = [];
  let decodeFailures = 0;
  // Subjects and sequences read before the clock starts: the step is the payload's decoding.
  const inbound = kept.map((m) => ({ subject: m.subject, data: m.data, streamSeq: m.seq }));
  const decodeUs = fastest(() => {
    decoded = [];
    decodeFailures = 0;
    for (const m of inbound) {
      const d = decodeEvent(m);
      if (d.ok) decoded.push({ event: d.event, seq: m.streamSeq });
      else decodeFailures++;
    }
  });
  let state = new ReportingView(nats, topology).state;
  const applyUs = fastest(() => {
    // A fresh, unstarted view holds an empty ReportingState (the seed plan only).
    state = new ReportingView(nats, topology).state;
    for (const { event, seq } of decoded) state.apply('registry', event, seq);
  });
  const started = performance.now();
  for (const plan of state.plans.values()) state.evaluate(plan.id, new Date());
  const tallyUs = perEvent(performance.now() - started);
  return { parseUs, decodeUs, applyUs, tallyUs, decodeFailures };
}

interface LiveFigures {
  published: number;
  measured: number;
  lag: LatencySummary;
  windows: Array<{ fromS: number; toS: number; lag: LatencySummary }>;
  sseMessages: number;
  lost: number;
  achievedRate: number;
  initialValue: number;
  finalValue: number;
  startupMs: number;
}

interface ProgressData {
  planId: string;
  indicatorId: string;
  value: number | null;
}

async function liveLag(
  infra: BenchInfra,
  nats: NatsHandle,
  id: string,
  opts: Resolved,
): Promise<LiveFigures> {
  const namespace = `bench-${id}-live`;
  const topology = new Topology(namespace);
  if (opts.liveHistory > 0) {
    progress(`live namespace: ${fmtInt(opts.liveHistory)} events of history first …`);
    await writeHistory(nats, topology, opts.liveHistory, opts.window, opts.seed + 7, 'live history');
  }
  const { reportingService } = await import('@highland/reporting');
  const { BaseConfig, createService, listen, parseConfig } = await import('@highland/service-kit');
  const mongo = new URL(infra.mongoUrl);
  mongo.pathname = `/bench_reporting_${id}`;
  const port = await freePort();
  const config = parseConfig(BaseConfig, {
    PORT: String(port),
    HOST: '127.0.0.1',
    NATS_URL: infra.natsUrl,
    ...(infra.natsCredentialsFile ? { NATS_CREDENTIALS_FILE: infra.natsCredentialsFile } : {}),
    MONGO_URL: mongo.toString(),
    HIGHLAND_NAMESPACE: namespace,
    HIGHLAND_BOOTSTRAP_OFFICE_KEY: `hl_bench_office_${randomBytes(24).toString('hex')}`,
    // One key drives the whole load: the per-key rate limit would measure itself.
    RATE_LIMIT_REQUESTS: '0',
    // 'error': on shutdown the store's last attainment write is cut short and warns.
    LOG_LEVEL: 'error',
  });
  progress('starting the reporting service in this process …');
  const startupStarted = performance.now();
  const app = await createService(reportingService(config));
  await listen(app, config);
  const startupMs = performance.now() - startupStarted;

  const warmup = Math.round(opts.rate * opts.warmupS);
  const total = warmup + Math.round(opts.rate * opts.durationS);
  let initial: number | undefined;
  let planId: string | undefined;
  let sent = 0;
  // Publish time of the event that brings the count to initial + k (k from 1), and when the first
  // SSE message showing that count (or more) arrived.
  const sentAt = new Float64Array(total + 1);
  const seenAt = new Float64Array(total + 1);
  let nextUnseen = 1;
  let sseMessages = 0;
  let finalValue = 0;
  let gotSnapshot!: () => void;
  const snapshot = new Promise<void>((r) => (gotSnapshot = r));
  let done!: () => void;
  const allSeen = new Promise<void>((r) => (done = r));

  const sse = openSse(`http://127.0.0.1:${port}/progress/stream`, (m, at) => {
    if (m.event === 'snapshot') {
      const s = JSON.parse(m.data) as { progress: ProgressData[] };
      const own = s.progress.find((p) => p.indicatorId === INDICATOR);
      if (!own) throw new Error(`the snapshot has no ${INDICATOR} indicator`);
      planId = own.planId;
      initial = own.value ?? 0;
      finalValue = initial;
      gotSnapshot();
      return;
    }
    if (m.event !== 'progress' || initial === undefined) return;
    const p = JSON.parse(m.data) as ProgressData;
    if (p.indicatorId !== INDICATOR || p.planId !== planId || p.value === null) return;
    sseMessages++;
    finalValue = Math.max(finalValue, p.value);
    const reached = Math.min(p.value - initial, total);
    while (nextUnseen <= reached) seenAt[nextUnseen++] = at;
    if (nextUnseen > total) done();
  });
  try {
    await sse.opened;
    await snapshot;
    const publisher = new EventPublisher(nats.js, topology, 'registry');
    const tag = id.replace(/[^a-z0-9]/g, '');
    const events = Array.from({ length: total }, (_, i) => {
      const e = adoptedStandard(i + 1, tag);
      return { contract: e.contract, event: publisher.envelope(e.contract, e.input) };
    });
    progress(
      `live: ${opts.rate} events/s for ${opts.warmupS} s (warm-up) + ${opts.durationS} s (measured), SSE client on /progress/stream …`,
    );
    const pending = new Set<Promise<unknown>>();
    const started = performance.now();
    while (sent < total) {
      const due = Math.min(total, Math.floor(((performance.now() - started) * opts.rate) / 1000) + 1);
      while (sent < due) {
        const { contract, event } = events[sent]!;
        sent++;
        sentAt[sent] = performance.now();
        const p = publishRaw(nats.js, topology, contract, event).finally(() => pending.delete(p));
        pending.add(p);
      }
      await new Promise((r) => setTimeout(r, 1));
    }
    const publishMs = performance.now() - started;
    await Promise.all(pending);
    const timedOut = await Promise.race([
      allSeen.then(() => false),
      new Promise<boolean>((r) => setTimeout(() => r(true), 30_000).unref()),
    ]);
    if (timedOut)
      progress(`live: ${total - nextUnseen + 1} events never showed on the SSE stream within 30 s`);
    if (sse.error()) throw sse.error();

    const lags: number[] = [];
    const windowS = 5;
    const byWindow = new Map<number, number[]>();
    for (let k = warmup + 1; k < nextUnseen; k++) {
      const lag = seenAt[k]! - sentAt[k]!;
      lags.push(lag);
      const w = Math.min(
        Math.ceil(opts.durationS / windowS) - 1,
        Math.floor((sentAt[k]! - sentAt[warmup + 1]!) / 1000 / windowS),
      );
      byWindow.set(w, [...(byWindow.get(w) ?? []), lag]);
    }
    return {
      published: total,
      measured: total - warmup,
      lag: summarize(lags),
      windows: [...byWindow.entries()].map(([w, l]) => ({
        fromS: w * windowS,
        toS: Math.min(opts.durationS, (w + 1) * windowS),
        lag: summarize(l),
      })),
      sseMessages,
      lost: total - (nextUnseen - 1),
      achievedRate: rate(total, publishMs),
      initialValue: initial ?? 0,
      finalValue,
      startupMs,
    };
  } finally {
    await sse.close();
    await app.close();
  }
}

interface Rebuilt {
  viewMs: number;
  heapMiB: number;
  position: string;
  facts: number;
  /** One evaluation of every plan, timed after the rebuild (start() ends with one). */
  evalMs: number;
  attained: number | null | undefined;
}

/** Times `ReportingView.start()` on the namespace's streams; the view is dropped on return. */
async function rebuildView(nats: NatsHandle, topology: Topology): Promise<Rebuilt> {
  const view = new ReportingView(nats, topology);
  const started = performance.now();
  await view.start();
  const viewMs = performance.now() - started;
  const heapMiB = process.memoryUsage().heapUsed / MiB;
  const evalStarted = performance.now();
  for (const plan of view.state.plans.values()) view.state.evaluate(plan.id, new Date());
  const evalMs = performance.now() - evalStarted;
  const figures = {
    viewMs,
    heapMiB,
    position: view.position,
    facts: view.state.facts.size,
    evalMs,
    attained: view.snapshot().find((a) => a.indicatorId === INDICATOR)?.value,
  };
  await view.stop();
  return figures;
}

/** A full garbage collection now (V8's gc, exposed at run time: no node flag needed). */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

export async function runReportingBench(options: ReportingBenchOptions = {}): Promise<void> {
  const opts = resolve(options);
  const started = new Date();
  const m = machine();
  progress('starting the servers …');
  const infra = await startBenchInfra();
  const id = runId();
  let nats: NatsHandle | undefined;
  try {
    nats = await connectNats({
      url: infra.natsUrl,
      name: 'bench-reporting',
      credentialsFile: infra.natsCredentialsFile,
    });
    const servers = `nats-server ${nats.nc.info?.version ?? 'unknown'} (JetStream, file storage); ${await storeVersion(infra.mongoUrl, infra.mongoKind)}; ${infra.describe}`;

    // (a) replay
    const topology = new Topology(`bench-${id}-replay`);
    progress(
      `writing a history of ${fmtInt(opts.events)} registry events (${opts.window} publishes in flight) …`,
    );
    const written = await writeHistory(nats, topology, opts.events, opts.window, opts.seed, 'history');
    // The generator's state is dropped and the breakdown's sample taken after the view: neither may
    // sit in the heap whose collections the rebuild pays for.
    const mixCounts = [...written.counts.entries()];

    progress('raw read #1: ordered consumer + JSON.parse …');
    const raw1 = await rawRead(nats, topology, opts.events, 0);
    progress(`  ${fmtRate(rate(opts.events, raw1.ms))}`);

    progress('reporting view rebuild: ReportingView.start() …');
    const rebuilt = await rebuildView(nats, topology);
    const { viewMs } = rebuilt;
    progress(`  ${fmtRate(rate(opts.events, viewMs))}`);

    progress('raw read #2 …');
    const raw2 = await rawRead(nats, topology, opts.events, opts.sample);
    progress(`  ${fmtRate(rate(opts.events, raw2.ms))}`);

    progress(`breakdown on the first ${fmtInt(raw2.kept.length)} events …`);
    collectGarbage(); // the rebuilt view's heap, dropped, must not be collected inside a timed step
    const parts = breakdown(nats, topology, raw2.kept);
    raw2.kept.length = 0;
    // The live phase must not pay for the replay's gigabytes: drop the stream, collect the garbage.
    await nats.jsm.streams.delete(topology.eventStream('registry').name);
    await nats.jsm.streams.delete(topology.eventStream('reporting').name);
    collectGarbage();

    // (b) live lag
    const live = await liveLag(infra, nats, id, opts);

    // figures
    const rawRate = Math.max(rate(opts.events, raw1.ms), rate(opts.events, raw2.ms));
    const viewRate = rate(opts.events, viewMs);
    const replayRatio = ratio(viewRate, rawRate);
    const viewUs = 1e6 / viewRate;
    const rawUs = 1e6 / rawRate;
    const mix = mixCounts
      .sort((a, b) => b[1] - a[1])
      .map(([k, n]) => `${k} ${((100 * n) / opts.events).toFixed(0)} %`)
      .join(', ');

    out();
    out(`Highland reporting benchmark — ${started.toISOString()}`);
    out(`machine:   ${describeMachine(m)}`);
    out(`servers:   ${servers}`);
    out(
      `history:   ${fmtInt(opts.events)} registry events of ${fmtInt(written.bytes / opts.events)} bytes (mean): ${mix}; ` +
        `written in ${fmtS(written.ms)} (${fmtRate(rate(opts.events, written.ms))}, ${opts.window} in flight)`,
    );
    out(
      'one Node process: the raw reader, the view, the service, the SSE client and the publisher share its event loop',
    );
    out();
    out('(a) replay');
    out(
      table([
        ['phase', 'events', 'time', 'rate', 'vs raw'],
        [
          'raw read #1: ordered consumer (pull 2,000) + JSON.parse, before the view',
          fmtInt(opts.events),
          fmtS(raw1.ms),
          fmtRate(rate(opts.events, raw1.ms)),
          `${fmtRatio(ratio(rate(opts.events, raw1.ms), rawRate))}x`,
        ],
        [
          'raw read #2: the same, after the view',
          fmtInt(opts.events),
          fmtS(raw2.ms),
          fmtRate(rate(opts.events, raw2.ms)),
          `${fmtRatio(ratio(rate(opts.events, raw2.ms), rawRate))}x`,
        ],
        [
          'ReportingView.start(): replay REGISTRY_EVENTS + REPORTING_EVENTS to their ends, evaluate the plans',
          fmtInt(opts.events),
          fmtS(viewMs),
          fmtRate(viewRate),
          `${fmtRatio(replayRatio)}x`,
        ],
      ]),
    );
    out(
      `view after the rebuild: position ${rebuilt.position}, ${fmtInt(rebuilt.facts)} facts, process heap ${fmtInt(rebuilt.heapMiB)} MiB; ` +
        `intl-adopted = ${rebuilt.attained ?? 'n/a'}; evaluating every plan once takes ${fmtMs(rebuilt.evalMs)}`,
    );
    out(
      `where the view's time goes, per event (steps timed alone on the first ${fmtInt(opts.sample)} events; raw read ${fmtNum(rawUs, 1)} µs/event, view ${fmtNum(viewUs, 1)} µs/event):`,
    );
    const share = (us: number) => `${((100 * us) / viewUs).toFixed(0)} %`;
    const evalUs = (rebuilt.evalMs * 1000) / opts.events;
    const steps: Array<[string, number]> = [
      ['NATS delivery to the consumer loop (the raw read minus its JSON.parse)', rawUs - parts.parseUs],
      ['JSON.parse of the payload (also in the raw read)', parts.parseUs],
      [
        'contract check: Ajv-compiled JSON Schema, zod on a refusal (decodeEvent minus JSON.parse)',
        parts.decodeUs - parts.parseUs,
      ],
      [
        'ReportingState.apply: projection into facts, FactStore upsert (field-wise change check)',
        parts.applyUs,
      ],
      ['first evaluation of every plan: builds the indicator tallies (timed on the sample)', parts.tallyUs],
      ['evaluating every plan again, from the tallies (spread over the events)', evalUs],
    ];
    const accounted = steps.reduce((s, [, us]) => s + us, 0);
    steps.push([
      `the rest: GC of a large heap, follower loop, microtasks${viewUs < accounted ? ' (< 0: the steps ran slower alone, a busy machine)' : ''}`,
      viewUs - accounted,
    ]);
    out(
      table([
        ['step', 'µs/event', 'share of the view'],
        ...steps.map(([name, us]) => [name, fmtNum(us, 2), share(us)]),
      ]),
    );
    if (parts.decodeFailures) out(`WARNING: ${parts.decodeFailures} sample events failed to decode`);
    out();
    out(
      `(b) live lag: ${opts.rate} events/s (achieved ${fmtRate(live.achievedRate)}) for ${opts.durationS} s after ${opts.warmupS} s of warm-up; ` +
        `each a published standard adopting an international one (intl-adopted +1); ` +
        `${opts.liveHistory ? `${fmtInt(opts.liveHistory)} events of history before` : 'empty history before'}; service started in ${fmtS(live.startupMs)}`,
    );
    out(
      table([
        ['publish → SSE progress message', 'events', 'p50', 'p90', 'p99', 'max', 'mean'],
        [
          `all measured events`,
          fmtInt(live.lag.count),
          fmtMs(live.lag.p50),
          fmtMs(live.lag.p90),
          fmtMs(live.lag.p99),
          fmtMs(live.lag.max),
          fmtMs(live.lag.mean),
        ],
        ...live.windows.map((w) => [
          `  seconds ${w.fromS}-${w.toS}`,
          fmtInt(w.lag.count),
          fmtMs(w.lag.p50),
          fmtMs(w.lag.p90),
          fmtMs(w.lag.p99),
          fmtMs(w.lag.max),
          fmtMs(w.lag.mean),
        ]),
      ]),
    );
    out(
      `${fmtInt(live.sseMessages)} SSE progress messages for ${fmtInt(live.published)} events (${fmtNum(live.published / Math.max(1, live.sseMessages), 1)} events per message; the view recomputes at most every 25 ms); ` +
        `intl-adopted ${live.initialValue} → ${live.finalValue}${live.lost ? `; ${live.lost} events NEVER SEEN` : ''}`,
    );
    out();
    const goal = (ok: boolean) => (ok ? 'goal met' : 'goal MISSED');
    out(`replay >= 0.5x raw read: ${goal((replayRatio ?? 0) >= 0.5)} (${fmtRatio(replayRatio)}x)`);
    out(`live lag p99 < 250 ms: ${goal(live.lost === 0 && live.lag.p99 < 250)} (p99 ${fmtMs(live.lag.p99)})`);
    out(`reporting replay_ratio=${fmtRatio(replayRatio)} lag_p99_ms=${fmtNum(live.lag.p99)}`);
  } finally {
    await nats?.close();
    await infra.stop();
  }
}
