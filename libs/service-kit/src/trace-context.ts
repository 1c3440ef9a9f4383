import { AsyncLocalStorage } from 'node:async_hooks';
import { randomFillSync } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  type Context,
  type ContextManager,
  context,
  propagation,
  ROOT_CONTEXT,
  trace,
  TraceFlags,
} from '@opentelemetry/api';
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

/** AsyncLocalStorage as OpenTelemetry's context manager (what the SDK installs, minus emitter binding). */
class AsyncLocalContextManager implements ContextManager {
  private readonly storage = new AsyncLocalStorage<Context>();

  active(): Context {
    return this.storage.getStore() ?? ROOT_CONTEXT;
  }

  with<A extends unknown[], F extends (...args: A) => ReturnType<F>>(
    ctx: Context,
    fn: F,
    thisArg?: ThisParameterType<F>,
    ...args: A
  ): ReturnType<F> {
    return this.storage.run(ctx, () => fn.apply(thisArg, args));
  }

  bind<T>(ctx: Context, target: T): T {
    if (typeof target !== 'function') return target;
    const fn = target as unknown as (...args: unknown[]) => unknown;
    const storage = this.storage;
    return function (this: unknown, ...args: unknown[]) {
      return storage.run(ctx, () => fn.apply(this, args));
    } as unknown as T;
  }

  enable(): this {
    return this;
  }

  disable(): this {
    this.storage.disable();
    return this;
  }
}

let enabled = false;

/** Installs the context manager and the W3C propagator; requests then get trace context from httpTraceContext(). */
export function enableTraceContextOnly(): void {
  if (enabled) return;
  context.setGlobalContextManager(new AsyncLocalContextManager());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  enabled = true;
}

export function disableTraceContextOnly(): void {
  if (!enabled) return;
  context.disable();
  propagation.disable();
  enabled = false;
}

// Random ids from a pooled buffer: one randomFillSync per ~340 requests.
const pool = Buffer.alloc(8192);
let offset = pool.length;
function randomHex(bytes: number): string {
  if (offset + bytes > pool.length) {
    randomFillSync(pool);
    offset = 0;
  }
  const hex = pool.toString('hex', offset, offset + bytes);
  offset += bytes;
  return hex;
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
