import { trace } from '@opentelemetry/api';
import type { Params } from 'nestjs-pino';

/** Anything that may hold a secret never reaches a log line. */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  '*.apiKey',
  '*.api_key',
  '*.key',
  '*.secret',
  '*.webhookSecret',
  '*.token',
  '*.password',
];

export function loggerParams(service: string, level: string): Params {
  return {
    pinoHttp: {
      level,
      name: service,
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      // Every line carries the active trace and span, so logs and traces join up.
      mixin() {
        const ctx = trace.getActiveSpan()?.spanContext();
        return ctx ? { trace_id: ctx.traceId, span_id: ctx.spanId } : {};
      },
      autoLogging: { ignore: (req) => /^\/(health|metrics)/.test(req.url ?? '') },
      customProps: (req) => {
        const caller = (req as { caller?: { actor: { department: string; user: string } } }).caller;
        return caller ? { department: caller.actor.department, user: caller.actor.user } : {};
      },
    },
  };
}
