import { randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import { EnterpriseCertifiedV1, newEventId, type StreamDefinition } from '@highland/contracts';
import {
  connectNats,
  ConsumerRunner,
  ensureConsumer,
  ensureStream,
  EventPublisher,
  MessagingMetrics,
  type NatsHandle,
  type PublishInput,
  Topology,
} from '@highland/messaging';
import { Registry } from 'prom-client';
import {
  describeMachine,
  describeTracing,
  machine,
  out,
  progress,
  runId,
  startBenchInfra,
  type BenchInfra,
  OtherLoad,
} from './environment.js';
import { breakdownTable, runBreakdown, type Step } from './breakdown.js';
import { startNestTransport } from './nest-transport.js';
import { Countdown, fmtInt, fmtRate, fmtRatio, fmtS, rate, ratio, table, windowed } from './stats.js';

export type BackbonePart = 'raw' | 'backbone' | 'nest';

export interface BackboneOptions {
  messages: number;
  window: number;
  /** Pull batch of the consumers: ConsumerRunner batchSize, and raw `consume({max_messages: 2 × batch})`. */
  batch: number;
  warmup: number;
  /** Measured rounds; each phase reports the median of its rounds. */
  repeat: number;
  /** Also measure the publish and consume paths built up piece by piece (see breakdown.ts). */
  breakdown: boolean;
  timeoutS: number;
  parts: ReadonlySet<BackbonePart>;
  telemetry: boolean;
}

interface Phase {
  name: string;
  what: string;
  count: number;
  elapsedMs: number;
  /** CPU time of this process (all threads) during the phase: robust to other load on the machine. */
  cpuMs?: number;
  note?: string;
}

const AGGREGATE_PREFIX = 'cert-';
// Same settings as every event stream (ensureStream) and durable consumer (ensureConsumer) of the
// backbone, so raw and backbone differ only on the client side.
const MAX_DELIVER = 5;
const ACK_WAIT_MS = 30_000;

function certification(i: number): PublishInput<typeof EnterpriseCertifiedV1> {
  return {
    aggregateId: `${AGGREGATE_PREFIX}${String(i).padStart(8, '0')}`,
    aggregateSeq: 1,
    data: {
      enterprise: `Chongqing Xinyuan Machinery Co., Ltd. ${i}`,
      level: (['AAA', 'AA', 'A'] as const)[i % 3]!,
      authorityLevel: 'municipal',
      authority: 'Chongqing Municipal Administration for Market Regulation',
      certifiedOn: '2025-06-18',
      town: 'Longfeng',
    },
    actor: { department: 'market-regulation', user: 'bench' },
    reason: 'annual certification round',
    correlationId: randomUUID(),
  };
}

/** Names of one round (warm-up or measured): fresh streams and consumers every time. */
function roundNames(id: string, round: string) {
  const ns = `hb-${id}-${round}`;
  const raw = (suffix: string): StreamDefinition => ({
    name: `HBRAW_${id}_${round}_${suffix}`.toUpperCase(),
    subjects: [`hbraw-${id}-${round}-${suffix}.registry.evt.>`],
    description: 'bench: raw JetStream',
    duplicateWindowMs: 10 * 60_000,
  });
  return {
    topology: new Topology(ns),
    e2eTopology: new Topology(`${ns}-e2e`),
    raw: raw('seq'),
    rawE2e: raw('e2e'),
    rawSubject: (def: StreamDefinition, i: number) =>
      `${def.subjects[0]!.slice(0, -1)}enterprise-certified.v1.${AGGREGATE_PREFIX}${String(i).padStart(8, '0')}`,
  };
}

class Round {
  readonly phases: Phase[] = [];
  private readonly names;
  private readonly metrics = new MessagingMetrics(new Registry());

  constructor(
    private readonly pub: NatsHandle,
    private readonly sub: NatsHandle,
    private readonly natsUrl: string,
    private readonly opts: BackboneOptions,
    private readonly n: number,
    id: string,
    round: string,
    private readonly credentialsFile?: string,
  ) {
    this.names = roundNames(id, round);
  }

  private publisher(topology: Topology): EventPublisher {
    return new EventPublisher(this.pub.js, topology, 'registry', this.metrics);
  }

  /** One envelope as the backbone sends it: the raw payload is these very bytes. */
  samplePayload(): string {
    const publisher = this.publisher(this.names.topology);
    return JSON.stringify(publisher.envelope(EnterpriseCertifiedV1, certification(0)));
  }

  private async rawStream(def: StreamDefinition, durable: string): Promise<void> {
    await ensureStream(this.pub.jsm, def);
    await ensureConsumer(this.pub.jsm, {
      stream: def.name,
      durable,
      filterSubjects: [def.subjects[0]!],
      maxDeliver: MAX_DELIVER,
      ackWaitMs: ACK_WAIT_MS,
    });
  }

  private async backboneStream(topology: Topology, durable: string): Promise<void> {
    await ensureStream(this.pub.jsm, topology.eventStream('registry'));
    await ensureStream(this.pub.jsm, topology.dlqStream());
    await ensureConsumer(this.pub.jsm, {
      stream: topology.eventStream('registry').name,
      durable,
      filterSubjects: [topology.eventFilter(EnterpriseCertifiedV1)],
      maxDeliver: MAX_DELIVER,
      ackWaitMs: ACK_WAIT_MS,
    });
  }

  /** Pull consume + ack of `n` messages with the plain client; resolves with the count reached. */
  private async rawConsume(
    stream: string,
    durable: string,
    n: number,
    started: () => void,
  ): Promise<{ done: Promise<number> }> {
    const consumer = await this.sub.js.consumers.get(stream, durable);
    const messages = await consumer.consume({ max_messages: this.opts.batch * 2 });
    started();
    let count = 0;
    const timer = setTimeout(() => void messages.close(), this.opts.timeoutS * 1000);
    const done = (async () => {
      for await (const m of messages) {
        m.ack();
        if (++count >= n) break;
      }
      clearTimeout(timer);
      await this.sub.nc.flush();
      await messages.close();
      return count;
    })();
    return { done };
  }

  /** The same with the client's callback form (what ConsumerRunner uses): no async iterator. */
  private async rawConsumeCallback(stream: string, durable: string, n: number): Promise<number> {
    const consumer = await this.sub.js.consumers.get(stream, durable);
    let count = 0;
    let finish: () => void = () => undefined;
    const reached = new Promise<void>((r) => (finish = r));
    const timer = setTimeout(finish, this.opts.timeoutS * 1000);
    const messages = await consumer.consume({
      max_messages: this.opts.batch * 2,
      callback: (m) => {
        m.ack();
        if (++count === n) finish();
      },
    });
    await reached;
    clearTimeout(timer);
    await this.sub.nc.flush();
    await messages.close();
    return count;
  }

  private cpuMark = process.cpuUsage();

  /** Marks the start of a phase for its CPU time. */
  private mark(): void {
    this.cpuMark = process.cpuUsage();
  }

  private record(phase: Phase): void {
    const cpu = process.cpuUsage(this.cpuMark);
    phase.cpuMs ??= (cpu.user + cpu.system) / 1000;
    this.phases.push(phase);
    progress(
      `  ${phase.name}: ${fmtInt(phase.count)} in ${fmtS(phase.elapsedMs)} = ${fmtRate(rate(phase.count, phase.elapsedMs))}`,
    );
  }

  async run(payload: string): Promise<void> {
    const { parts } = this.opts;
    const n = this.n;
    const inputs = Array.from({ length: n }, (_, i) => certification(i));

    if (parts.has('raw')) {
      const def = this.names.raw;
      await this.rawStream(def, 'raw');
      const subjects = inputs.map((_, i) => this.names.rawSubject(def, i));
      this.mark();
      const ms = await windowed(n, this.opts.window, (i) => this.pub.js.publish(subjects[i]!, payload));
      this.record({ name: 'raw-publish', what: 'raw js.publish + PubAck', count: n, elapsedMs: ms });

      let t0 = 0;
      const consume = await this.rawConsume(def.name, 'raw', n, () => {
        t0 = performance.now();
        this.mark();
      });
      const count = await consume.done;
      this.record({
        name: 'raw-consume',
        what: 'raw consume() iterated (for await) + ack each',
        count,
        elapsedMs: performance.now() - t0,
      });

      await ensureConsumer(this.pub.jsm, {
        stream: def.name,
        durable: 'raw-cb',
        filterSubjects: [def.subjects[0]!],
        maxDeliver: MAX_DELIVER,
        ackWaitMs: ACK_WAIT_MS,
      });
      const t1 = performance.now();
      this.mark();
      const countCb = await this.rawConsumeCallback(def.name, 'raw-cb', n);
      this.record({
        name: 'raw-consume-cb',
        what: 'raw consume({callback}) + ack each',
        count: countCb,
        elapsedMs: performance.now() - t1,
      });
    }

    if (parts.has('backbone')) {
      const topology = this.names.topology;
      await this.backboneStream(topology, 'backbone');
      const publisher = this.publisher(topology);
      let duplicates = 0;
      this.mark();
      const ms = await windowed(n, this.opts.window, async (i) => {
        const published = await publisher.publish(EnterpriseCertifiedV1, inputs[i]!);
        if (published.duplicate) duplicates++;
      });
      this.record({
        name: 'backbone-publish',
        what: 'EventPublisher.publish (envelope, contract check, headers, msg id, metrics) + PubAck',
        count: n,
        elapsedMs: ms,
        ...(duplicates ? { note: `${duplicates} duplicates` } : {}),
      });

      const counter = new Countdown();
      const runner = this.runner(topology, 'backbone', counter);
      const t0 = performance.now();
      this.mark();
      await runner.start();
      const complete = await counter.until(n, this.opts.timeoutS * 1000);
      await this.sub.nc.flush();
      const elapsed = performance.now() - t0;
      await runner.stop();
      this.record({
        name: 'backbone-consume',
        what: 'ConsumerRunner (decode, contract check, metrics, ack), no-op handler',
        count: counter.count,
        elapsedMs: elapsed,
        ...(complete ? {} : { note: `timed out after ${this.opts.timeoutS} s` }),
      });
    }

    // End to end: the consumer runs while the producer publishes; from the first publish until the
    // handler has seen all n. This is the only shape the NestJS transport has (no storage).
    if (parts.has('raw')) {
      const def = this.names.rawE2e;
      await this.rawStream(def, 'raw-e2e');
      const subjects = inputs.map((_, i) => this.names.rawSubject(def, i));
      const consume = await this.rawConsume(def.name, 'raw-e2e', n, () => undefined);
      const t0 = performance.now();
      this.mark();
      await windowed(n, this.opts.window, (i) => this.pub.js.publish(subjects[i]!, payload));
      const count = await consume.done;
      this.record({
        name: 'raw-e2e',
        what: 'raw publish while raw consume runs',
        count,
        elapsedMs: performance.now() - t0,
      });
    }

    if (parts.has('backbone')) {
      const topology = this.names.e2eTopology;
      await this.backboneStream(topology, 'backbone-e2e');
      const publisher = this.publisher(topology);
      const counter = new Countdown();
      const runner = this.runner(topology, 'backbone-e2e', counter);
      await runner.start();
      const t0 = performance.now();
      this.mark();
      const done = counter.until(n, this.opts.timeoutS * 1000);
      await windowed(n, this.opts.window, (i) => publisher.publish(EnterpriseCertifiedV1, inputs[i]!));
      const complete = await done;
      await this.sub.nc.flush();
      const elapsed = performance.now() - t0;
      await runner.stop();
      this.record({
        name: 'backbone-e2e',
        what: 'EventPublisher while ConsumerRunner runs',
        count: counter.count,
        elapsedMs: elapsed,
        ...(complete ? {} : { note: `timed out after ${this.opts.timeoutS} s` }),
      });
    }

    if (parts.has('nest')) {
      const counter = new Countdown();
      const nest = await startNestTransport(this.natsUrl, counter, this.credentialsFile);
      try {
        const publisher = this.publisher(this.names.topology);
        // The same envelope the backbone sends, as the event's data (Nest wraps it in {pattern, data}).
        const events = inputs.map((input) => publisher.envelope(EnterpriseCertifiedV1, input));
        const t0 = performance.now();
        this.mark();
        const done = counter.until(n, this.opts.timeoutS * 1000);
        await windowed(n, this.opts.window, (i) => nest.emit(events[i]));
        const complete = await done;
        const elapsed = performance.now() - t0;
        this.record({
          name: 'nest-e2e',
          what: 'ClientProxy.emit → @EventPattern handler (core NATS)',
          count: counter.count,
          elapsedMs: elapsed,
          ...(complete
            ? {}
            : {
                note: `only ${counter.count} of ${n} arrived within ${this.opts.timeoutS} s (core NATS drops)`,
              }),
        });
      } finally {
        await nest.close();
      }
    }
  }

  private runner(topology: Topology, durable: string, counter: Countdown): ConsumerRunner {
    return new ConsumerRunner(
      this.sub,
      topology,
      {
        service: 'bench',
        durable,
        stream: topology.eventStream('registry').name,
        contracts: [EnterpriseCertifiedV1],
        handle: async () => counter.hit(),
        batchSize: this.opts.batch,
        maxDeliver: MAX_DELIVER,
        ackWaitMs: ACK_WAIT_MS,
      },
      this.metrics,
    );
  }

  rateOf(name: string): number | undefined {
    const p = this.phases.find((x) => x.name === name);
    return p ? rate(p.count, p.elapsedMs) : undefined;
  }

  async cleanup(): Promise<void> {
    const names = [
      this.names.raw.name,
      this.names.rawE2e.name,
      this.names.topology.eventStream('registry').name,
      this.names.topology.dlqStream().name,
      this.names.e2eTopology.eventStream('registry').name,
      this.names.e2eTopology.dlqStream().name,
    ];
    for (const name of names) await this.pub.jsm.streams.delete(name).catch(() => false);
  }
}

const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

interface PhaseFigures {
  name: string;
  what: string;
  count: number;
  rates: number[];
  /** CPU µs of this process per message, one per round. */
  cpuUs: number[];
  notes: string[];
}

function aggregate(rounds: Round[]): PhaseFigures[] {
  const byName = new Map<string, PhaseFigures>();
  for (const round of rounds) {
    for (const p of round.phases) {
      const f = byName.get(p.name) ?? {
        name: p.name,
        what: p.what,
        count: p.count,
        rates: [],
        cpuUs: [],
        notes: [],
      };
      f.rates.push(rate(p.count, p.elapsedMs));
      f.cpuUs.push(((p.cpuMs ?? 0) * 1000) / p.count);
      f.count = Math.min(f.count, p.count);
      if (p.note) f.notes.push(p.note);
      byName.set(p.name, f);
    }
  }
  return [...byName.values()];
}

export async function runBackbone(opts: BackboneOptions): Promise<void> {
  const started = new Date();
  const m = machine();
  progress('starting the servers …');
  const infra: BenchInfra = await startBenchInfra();
  const otherLoad = new OtherLoad(infra.pids);
  const pub = await connectNats({
    url: infra.natsUrl,
    name: 'bench-publisher',
    credentialsFile: infra.natsCredentialsFile,
  });
  const sub = await connectNats({
    url: infra.natsUrl,
    name: 'bench-consumer',
    credentialsFile: infra.natsCredentialsFile,
  });
  const id = runId();
  try {
    const natsVersion = pub.nc.info?.version ?? 'unknown';
    if (opts.warmup > 0) {
      progress(`warm-up round: ${fmtInt(opts.warmup)} messages through every path …`);
      const warm = new Round(pub, sub, infra.natsUrl, opts, opts.warmup, id, 'w', infra.natsCredentialsFile);
      await warm.run(warm.samplePayload());
      await warm.cleanup();
    }
    const rounds: Round[] = [];
    let payload = '';
    for (let r = 1; r <= opts.repeat; r++) {
      progress(`measured round ${r} of ${opts.repeat}: ${fmtInt(opts.messages)} messages …`);
      const round = new Round(
        pub,
        sub,
        infra.natsUrl,
        opts,
        opts.messages,
        id,
        `m${r}`,
        infra.natsCredentialsFile,
      );
      payload = round.samplePayload();
      await round.run(payload);
      await round.cleanup();
      rounds.push(round);
    }
    const breakdown = opts.breakdown
      ? await runBreakdown(
          {
            nats: pub,
            metrics: new MessagingMetrics(new Registry()),
            inputs: Array.from({ length: opts.messages }, (_, i) => certification(i)),
            ids: Array.from({ length: opts.messages }, () => newEventId()),
            payload,
            window: opts.window,
            batch: opts.batch,
            timeoutS: opts.timeoutS,
          },
          opts.messages,
          opts.repeat,
          id,
        )
      : undefined;
    report(aggregate(rounds), breakdown, opts, {
      started,
      machine: describeMachine(m),
      servers: `nats-server ${natsVersion} (JetStream, file storage; ${infra.describe})`,
      payloadBytes: Buffer.byteLength(payload),
      loadAtEnd: `load average ${loadavg()[0]!.toFixed(2)} at the end; ${otherLoad.describe()}`,
    });
  } finally {
    await pub.close();
    await sub.close();
    await infra.stop();
  }
}

function report(
  phases: PhaseFigures[],
  breakdown: { publish: Step[]; consume: Step[] } | undefined,
  opts: BackboneOptions,
  ctx: { started: Date; machine: string; servers: string; payloadBytes: number; loadAtEnd: string },
): void {
  const r = (name: string) => {
    const p = phases.find((x) => x.name === name);
    return p ? median(p.rates) : undefined;
  };
  const rawPublish = r('raw-publish');
  const rawConsume = r('raw-consume');
  const rawE2e = r('raw-e2e');
  const publishRatio = ratio(r('backbone-publish'), rawPublish);
  const consumeRatio = ratio(r('backbone-consume'), rawConsume);
  const consumeRatioCb = ratio(r('backbone-consume'), r('raw-consume-cb'));
  const vsNest = ratio(r('backbone-e2e'), r('nest-e2e'));
  const vsRaw: Record<string, number | undefined> = {
    'raw-publish': rawPublish,
    'backbone-publish': rawPublish,
    'raw-consume': rawConsume,
    'raw-consume-cb': rawConsume,
    'backbone-consume': rawConsume,
    'raw-e2e': rawE2e,
    'backbone-e2e': rawE2e,
    'nest-e2e': rawE2e,
  };
  const x = (v: number | undefined) => (v === undefined ? 'n/a' : `${fmtRatio(v)}x`);

  out();
  out(`Highland backbone benchmark — ${ctx.started.toISOString()}`);
  out(`machine:   ${ctx.machine}`);
  out(`servers:   ${ctx.servers}`);
  out(
    `workload:  ${fmtInt(opts.messages)} messages of ${ctx.payloadBytes} bytes per phase (an EnterpriseCertifiedV1 envelope; raw sends the same bytes without headers or msg id); ` +
      `${opts.window} publishes in flight; pull batch ${opts.batch} (max_messages ${opts.batch * 2}), max_ack_pending 1000; ` +
      `warm-up ${fmtInt(opts.warmup)}; median of ${opts.repeat} round(s), phases interleaved`,
  );
  out(`tracing:   ${describeTracing(opts.telemetry)}`);
  out('one Node process: publishers, consumers and the Nest microservice + client share its event loop');
  out(
    'clients:   raw and backbone phases share the same two connections, made by connectNats (with the options the services run: noAsyncTraces among them)',
  );
  out(
    `load:      ${ctx.loadAtEnd}; CPU µs/msg is this process's CPU time (all threads) per message, robust to other load; the servers' CPU is not in it`,
  );
  out();
  out(
    table([
      ['phase', 'what', 'messages', 'rate (median)', 'min - max', 'vs raw', 'CPU µs/msg'],
      ...phases.map((p) => [
        p.name,
        p.what + (p.notes.length ? ` [${p.notes[0]}]` : ''),
        fmtInt(p.count),
        fmtRate(median(p.rates)),
        `${fmtInt(Math.min(...p.rates))} - ${fmtInt(Math.max(...p.rates))}`,
        x(ratio(median(p.rates), vsRaw[p.name])),
        median(p.cpuUs).toFixed(1),
      ]),
    ]),
  );
  if (breakdown) {
    out();
    out('where the time goes, publish (each step adds one piece; windowed like the phases above):');
    out(breakdownTable(breakdown.publish, opts.messages));
    out();
    out('where the time goes, consume (one message at a time unless noted):');
    out(breakdownTable(breakdown.consume, opts.messages));
  }
  out();
  out('publish_ratio     = backbone-publish rate / raw-publish rate (goal >= 0.8)');
  out(
    'consume_ratio     = backbone-consume rate / raw-consume rate (goal >= 0.8): raw as the client documents it,',
  );
  out(
    '                    iterating consume() with for await; ConsumerRunner takes the callback form instead, so',
  );
  out(
    `                    against raw-consume-cb (the same client form, no decoding) it is ${fmtRatio(consumeRatioCb)}: that is its own overhead`,
  );
  out(
    'vs_nest_transport = backbone-e2e rate / nest-e2e rate: n events published (same window) while the consumer runs,',
  );
  out(
    '                    from the first publish until the handler has seen all n; > 1 means the backbone is faster',
  );
  const verdict = (v: number | undefined) =>
    v === undefined ? 'not measured' : v >= 0.8 ? 'goal met' : 'goal MISSED';
  out(`publish: ${verdict(publishRatio)}; consume: ${verdict(consumeRatio)}`);
  out(
    `backbone publish_ratio=${fmtRatio(publishRatio)} consume_ratio=${fmtRatio(consumeRatio)} vs_nest_transport=${fmtRatio(vsNest)}`,
  );
}
