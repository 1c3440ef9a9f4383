import type { IncomingMessage, ServerResponse } from 'node:http';
import { pooledRandomBytes } from '@highland/contracts';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { type Context, context, propagation, ROOT_CONTEXT, trace, TraceFlags } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';

/**
 * Trace context without spans, for a service that exports no spans (no OTLP endpoint, no trace
 * file). Building HTTP server, producer and consumer spans only for a no-op processor to drop them
 * cost ~10 % of a command's CPU (the HTTP instrumentation also wraps every listener of every
 * request and response). What the spans were still good for without an exporter is kept: each
 * request continues the caller's W3C `traceparent` (or starts a trace), gets a span id of its own,
 * and that context is active while the request runs — so log lines carry trace_id and span_id,
 * and events published meanwhile carry `traceparent` on to their consumers.
 */

let enabled = false;

/** Installs the context manager and the W3C propagator; requests then get trace context from httpTraceContext(). */
export function enableTraceContextOnly(): void {
  if (enabled) return;
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  enabled = true;
}

export function disableTraceContextOnly(): void {
  if (!enabled) return;
  context.disable();
  propagation.disable();
  enabled = false;
}

function randomHex(bytes: number): string {
  const random = pooledRandomBytes(bytes);
  return Buffer.from(random.buffer, random.byteOffset, bytes).toString('hex');
}

const ZERO_TRACE = '00000000000000000000000000000000';

/** A new span context for an incoming request: the caller's trace continued, or a new one. */
export function requestSpanContext(headers: IncomingMessage['headers']): Context {
  const parent = trace.getSpanContext(propagation.extract(ROOT_CONTEXT, headers));
  let traceId = parent?.traceId;
  if (!traceId || traceId === ZERO_TRACE) traceId = randomHex(16);
  return trace.setSpanContext(ROOT_CONTEXT, {
    traceId,
    spanId: randomHex(8),
    traceFlags: parent && parent.traceId === traceId ? parent.traceFlags : TraceFlags.SAMPLED,
    ...(parent?.traceState ? { traceState: parent.traceState } : {}),
    isRemote: false,
  });
}

const UNTRACED = /^\/(health|metrics)/;

/** Express middleware: runs the rest of the request in its trace context (when enabled). */
export function httpTraceContext():
  ((req: IncomingMessage, res: ServerResponse, next: () => void) => void) | undefined {
  if (!enabled) return undefined;
  return (req, _res, next) => {
    if (UNTRACED.test(req.url ?? '')) return next();
    context.with(requestSpanContext(req.headers), next);
  };
}
