import {
  context,
  propagation,
  type Span,
  SpanKind,
  SpanStatusCode,
  trace,
  type Context,
} from '@opentelemetry/api';
import type { MsgHdrs } from '@nats-io/nats-core';

const tracer = () => trace.getTracer('@highland/messaging');

/** Writes the active trace context into NATS headers (W3C traceparent/tracestate). */
export function injectTrace(headers: MsgHdrs, ctx: Context = context.active()): void {
  propagation.inject(ctx, headers, { set: (h, k, v) => h.set(k, String(v)) });
}

export function extractTrace(headers: MsgHdrs | undefined): Context {
  if (!headers) return context.active();
  return propagation.extract(context.active(), headers, {
    get: (h, k) => (h.has(k) ? h.get(k) : undefined),
    keys: (h) => h.keys(),
  });
}

export async function withProducerSpan<T>(
  subject: string,
  eventType: string,
  fn: (span: Span) => Promise<T>,
): Promise<T> {
  return tracer().startActiveSpan(
    `send ${eventType}`,
    {
      kind: SpanKind.PRODUCER,
      attributes: { 'messaging.system': 'nats', 'messaging.destination.name': subject },
    },
    async (span) => run(span, fn),
  );
}

export async function withConsumerSpan<T>(
  parent: Context,
  consumer: string,
  eventType: string,
  fn: (span: Span) => Promise<T>,
): Promise<T> {
  return tracer().startActiveSpan(
    `process ${eventType}`,
    {
      kind: SpanKind.CONSUMER,
      attributes: {
        'messaging.system': 'nats',
        'messaging.consumer.group.name': consumer,
        'highland.event.type': eventType,
      },
    },
    parent,
    async (span) => run(span, fn),
  );
}

async function run<T>(span: Span, fn: (span: Span) => Promise<T>): Promise<T> {
  try {
    return await fn(span);
  } catch (err) {
    span.recordException(err as Error);
    span.setStatus({ code: SpanStatusCode.ERROR, message: (err as Error).message });
    throw err;
  } finally {
    span.end();
  }
}

export function currentTraceId(): string | undefined {
  const id = trace.getActiveSpan()?.spanContext().traceId;
  return id && id !== '00000000000000000000000000000000' ? id : undefined;
}
