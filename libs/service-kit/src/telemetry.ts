import { appendFileSync } from 'node:fs';
import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { ExpressInstrumentation } from '@opentelemetry/instrumentation-express';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { MongooseInstrumentation } from '@opentelemetry/instrumentation-mongoose';
import { NodeSDK } from '@opentelemetry/sdk-node';
import {
  BatchSpanProcessor,
  type ReadableSpan,
  SimpleSpanProcessor,
  type SpanExporter,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace';
import { disableTraceContextOnly, enableTraceContextOnly } from './trace-context.js';

/** Spans as JSON lines in a file (HIGHLAND_TRACE_FILE): lets a test follow one trace across processes. */
class FileSpanExporter implements SpanExporter {
  constructor(
    private readonly path: string,
    private readonly service: string,
  ) {}

  export(spans: ReadableSpan[], done: (result: ExportResult) => void): void {
    const lines = spans.map((s) =>
      JSON.stringify({
        service: this.service,
        name: s.name,
        kind: s.kind,
        traceId: s.spanContext().traceId,
        spanId: s.spanContext().spanId,
        parentSpanId: s.parentSpanContext?.spanId,
      }),
    );
    appendFileSync(this.path, lines.map((l) => `${l}\n`).join(''));
    done({ code: ExportResultCode.SUCCESS });
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}

let sdk: NodeSDK | undefined;

/**
 * Tracing for a service: always on (so logs carry trace and span ids and context crosses NATS).
 * With a destination for spans — OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set, a file with
 * HIGHLAND_TRACE_FILE — the OpenTelemetry SDK records them (HTTP, express, mongoose, NATS
 * producer and consumer spans). Without one, no span is built only to be dropped: each request
 * still continues or starts a trace with a span id of its own, which its log lines and the events
 * it publishes carry (trace-context.ts; createService installs the middleware).
 * Must start before NestJS, express and mongoose load: services run with
 * `node --import @highland/service-kit/telemetry-register`.
 */
export function startTelemetry(serviceName: string, env: NodeJS.ProcessEnv = process.env): void {
  if (sdk) return;
  const processors: SpanProcessor[] = [];
  if (env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) {
    processors.push(new BatchSpanProcessor({ exporter: new OTLPTraceExporter() }));
  }
  if (env.HIGHLAND_TRACE_FILE) {
    processors.push(
      new SimpleSpanProcessor({ exporter: new FileSpanExporter(env.HIGHLAND_TRACE_FILE, serviceName) }),
    );
  }
  if (processors.length === 0) {
    enableTraceContextOnly();
    return;
  }
  sdk = new NodeSDK({
    serviceName,
    autoDetectResources: false,
    spanProcessors: processors,
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (req) => /^\/(health|metrics)/.test(req.url ?? ''),
      }),
      new ExpressInstrumentation(),
      new MongooseInstrumentation(),
    ],
  });
  sdk.start();
}

export async function stopTelemetry(): Promise<void> {
  disableTraceContextOnly();
  await sdk?.shutdown().catch(() => undefined);
  sdk = undefined;
}
