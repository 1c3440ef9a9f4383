import { EnterpriseCertifiedV1, H, newEventId } from '@highland/contracts';
import {
  decodeEvent,
  inboundOf,
  ensureConsumer,
  ensureStream,
  EventPublisher,
  extractTrace,
  injectTrace,
  type MessagingMetrics,
  type NatsHandle,
  Topology,
  withConsumerSpan,
  withProducerSpan,
  ConsumerRunner,
  type PublishInput,
} from '@highland/messaging';
import type { JsMsg } from '@nats-io/jetstream';
import { headers as natsHeaders } from '@nats-io/nats-core';
import { progress } from './environment.js';
import { Countdown, fmtInt, fmtRate, rate, table, windowed } from './stats.js';

/**
 * Where the backbone's time goes: the same publish (and consume) built up one piece at a time,
 * from the plain client to the full EventPublisher (ConsumerRunner), each step measured on a
 * fresh stream. The difference in µs per event between two steps is what that piece costs.
 * The steps replay what EventPublisher.send and ConsumerRunner do, with the library's own pieces
 * (contracts, decodeEvent, tracing helpers, metrics).
 */

export interface Step {
  name: string;
  rates: number[];
  /** CPU µs of this process per event, one per repetition. */
  cpuUs: number[];
}

const cpuSince = (mark: NodeJS.CpuUsage, n: number) => {
  const d = process.cpuUsage(mark);
  return (d.user + d.system) / n;
};

const type = EnterpriseCertifiedV1;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export interface BreakdownContext {
  nats: NatsHandle;
  metrics: MessagingMetrics;
  inputs: PublishInput<typeof EnterpriseCertifiedV1>[];
  ids: string[];
  payload: string;
  window: number;
  batch: number;
  timeoutS: number;
}

type Send = (i: number) => Promise<unknown>;

function publishSteps(ctx: BreakdownContext, topology: Topology): Array<[string, Send]> {
  const { js } = ctx.nats;
  const subject = (i: number) => topology.subject(type, ctx.inputs[i]!.aggregateId);
  const hdrs = (i: number) => {
    const input = ctx.inputs[i]!;
    const h = natsHeaders();
    h.set(H.eventType, type.type);
    h.set(H.eventVersion, String(type.version));
    h.set(H.aggregateId, input.aggregateId);
    h.set(H.aggregateSeq, String(input.aggregateSeq));
    h.set(H.correlationId, input.correlationId);
    return h;
  };
  const envelope = (i: number, id: string) => {
    const input = ctx.inputs[i]!;
    return {
      id,
      type: type.type,
      version: type.version,
      source: type.service,
      aggregate: { type: type.aggregateType, id: input.aggregateId, seq: input.aggregateSeq },
      occurredAt: new Date().toISOString(),
      actor: input.actor,
      reason: input.reason,
      correlationId: input.correlationId,
      data: input.data,
    };
  };
  const validated = (i: number, id: string) => {
    const event = envelope(i, id);
    if (!type.envelope.safeParse(event).success) throw new Error('invalid bench event');
    return event;
  };
  const publisher = new EventPublisher(js, topology, 'registry', ctx.metrics);
  return [
    ['raw js.publish (same bytes, no headers, no msg id)', (i) => js.publish(subject(i), ctx.payload)],
    [
      '+ Nats-Msg-Id (the first header: headers encoded; server de-duplicates)',
      (i) => js.publish(subject(i), ctx.payload, { msgID: ctx.ids[i] }),
    ],
    [
      '+ 5 Hl-* headers (built per event)',
      (i) => js.publish(subject(i), ctx.payload, { msgID: ctx.ids[i], headers: hdrs(i) }),
    ],
    [
      '+ envelope object + JSON.stringify per event',
      (i) =>
        js.publish(subject(i), JSON.stringify(envelope(i, ctx.ids[i]!)), {
          msgID: ctx.ids[i],
          headers: hdrs(i),
        }),
    ],
    [
      '+ zod validation of the envelope (safeParse)',
      (i) =>
        js.publish(subject(i), JSON.stringify(validated(i, ctx.ids[i]!)), {
          msgID: ctx.ids[i],
          headers: hdrs(i),
        }),
    ],
    [
      '+ UUIDv7 event id per event (uuid v7)',
      (i) => {
        const event = validated(i, newEventId());
        return js.publish(subject(i), JSON.stringify(event), { msgID: event.id, headers: hdrs(i) });
      },
    ],
    [
      '+ producer span + traceparent header',
      (i) => {
        const event = validated(i, newEventId());
        return withProducerSpan(subject(i), type.type, () => {
          const h = hdrs(i);
          injectTrace(h);
          return js.publish(subject(i), JSON.stringify(event), {
            msgID: event.id,
            headers: h,
            timeout: 5_000,
          });
        });
      },
    ],
    [
      'EventPublisher.publish (the above + metrics, checks, retry loop)',
      (i) => publisher.publish(type, ctx.inputs[i]!),
    ],
  ];
}

type Handle = (m: JsMsg) => unknown;

function consumeSteps(ctx: BreakdownContext): Array<[string, Handle | 'runner']> {
  const labels = { consumer: 'bench', event_type: type.type };
  const decode = (m: JsMsg) => decodeEvent(inboundOf(m), [type]);
  return [
    ['raw consume + ack of the backbone messages (with headers)', () => undefined],
    [
      '+ TextDecoder + JSON.parse of the payload',
      (m): unknown => JSON.parse(new TextDecoder().decode(m.data)) as unknown,
    ],
    ['+ decodeEvent instead: contract lookup and check (Ajv, zod on refusal)', decode],
    [
      '+ consumer span (extractTrace + withConsumerSpan around a no-op handler)',
      (m) => {
        if (!decode(m).ok) throw new Error('invalid');
        return withConsumerSpan(extractTrace(m.headers), 'bench', type.type, async () => undefined);
      },
    ],
    [
      '+ metrics (consumed counter, handler latency histogram)',
      async (m) => {
        const started = performance.now();
        if (!decode(m).ok) throw new Error('invalid');
        await withConsumerSpan(extractTrace(m.headers), 'bench', type.type, async () => undefined);
        ctx.metrics.consumed.inc(labels);
        ctx.metrics.handlerSeconds.observe(labels, (performance.now() - started) / 1000);
      },
    ],
    ['ConsumerRunner (the above in batches, 8 lanes, awaits each batch)', 'runner'],
  ];
}

export async function runBreakdown(
  ctx: BreakdownContext,
  n: number,
  repeat: number,
  id: string,
): Promise<{ publish: Step[]; consume: Step[] }> {
  const publish: Step[] = [];
  const consume: Step[] = [];
  for (let r = 1; r <= repeat; r++) {
    progress(`breakdown, repetition ${r} of ${repeat}: publish steps …`);
    const fill = new Topology(`hbbd-${id}-${r}-fill`);
    const names = publishSteps(ctx, fill).map(([name]) => name);
    for (let k = 0; k < names.length; k++) {
      // Every step on a fresh stream; the last (EventPublisher) fills the one the consume steps read.
      const topology = k === names.length - 1 ? fill : new Topology(`hbbd-${id}-${r}-p${k}`);
      await ensureStream(ctx.nats.jsm, topology.eventStream('registry'));
      const send = publishSteps(ctx, topology)[k]![1];
      const mark = process.cpuUsage();
      const ms = await windowed(n, ctx.window, send);
      const step = (publish[k] ??= { name: names[k]!, rates: [], cpuUs: [] });
      step.rates.push(rate(n, ms));
      step.cpuUs.push(cpuSince(mark, n));
      progress(`  ${names[k]}: ${fmtRate(rate(n, ms))}`);
      if (topology !== fill) await ctx.nats.jsm.streams.delete(topology.eventStream('registry').name);
    }

    // The last publish step (EventPublisher) filled `fill` with n real backbone messages.
    progress(`breakdown, repetition ${r} of ${repeat}: consume steps …`);
    const stream = fill.eventStream('registry').name;
    await ensureStream(ctx.nats.jsm, fill.dlqStream());
    const csteps = consumeSteps(ctx);
    for (let k = 0; k < csteps.length; k++) {
      const [name, handle] = csteps[k]!;
      const durable = `bd-c${k}`;
      await ensureConsumer(ctx.nats.jsm, {
        stream,
        durable,
        filterSubjects: [fill.eventFilter(type)],
        maxDeliver: 5,
        ackWaitMs: 30_000,
      });
      const counter = new Countdown();
      const t0 = performance.now();
      const mark = process.cpuUsage();
      if (handle === 'runner') {
        const runner = new ConsumerRunner(
          ctx.nats,
          fill,
          {
            service: 'bench',
            durable,
            stream,
            contracts: [type],
            handle: async () => counter.hit(),
            batchSize: ctx.batch,
            maxDeliver: 5,
            ackWaitMs: 30_000,
          },
          ctx.metrics,
        );
        await runner.start();
        await counter.until(n, ctx.timeoutS * 1000);
        await ctx.nats.nc.flush();
        await runner.stop();
      } else {
        const messages = await (
          await ctx.nats.js.consumers.get(stream, durable)
        ).consume({ max_messages: ctx.batch * 2 });
        for await (const m of messages) {
          const result = handle(m);
          if (result instanceof Promise) await result;
          m.ack();
          counter.hit();
          if (counter.count >= n) break;
        }
        await ctx.nats.nc.flush();
        await messages.close();
      }
      const ms = performance.now() - t0;
      const step = (consume[k] ??= { name, rates: [], cpuUs: [] });
      step.rates.push(rate(counter.count, ms));
      step.cpuUs.push(cpuSince(mark, counter.count));
      progress(`  ${name}: ${fmtRate(rate(counter.count, ms))}`);
    }
    await ctx.nats.jsm.streams.delete(stream).catch(() => false);
    await ctx.nats.jsm.streams.delete(fill.dlqStream().name).catch(() => false);
  }
  return { publish, consume };
}

/**
 * Median rate of each step, and its CPU time per event: what a step adds to the one before is
 * read from the CPU column (this process's CPU, so other load on the machine barely moves it).
 */
export function breakdownTable(steps: Step[], n: number): string {
  let previous: number | undefined;
  const rows = steps.map((s) => {
    const cpu = median(s.cpuUs);
    const delta =
      previous === undefined ? '' : `${cpu - previous >= 0 ? '+' : ''}${(cpu - previous).toFixed(1)}`;
    previous = cpu;
    return [s.name, fmtRate(median(s.rates)), (1e6 / median(s.rates)).toFixed(1), cpu.toFixed(1), delta];
  });
  return table([
    ['step', `rate (median, n=${fmtInt(n)})`, 'wall µs/event', 'CPU µs/event', 'added CPU µs'],
    ...rows,
  ]);
}
