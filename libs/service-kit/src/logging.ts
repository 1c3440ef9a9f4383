import type { IncomingMessage, ServerResponse } from 'node:http';
import { trace } from '@opentelemetry/api';
import type { Params } from 'nestjs-pino';
import { stdSerializers } from 'pino';

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

type LoggedRequest = IncomingMessage & {
  id?: unknown;
  originalUrl?: string;
  caller?: { actor: { department: string; user: string } };
};

/**
 * What a log line says of its request. pino-http binds it to a child logger when the request
 * arrives — before it knows whether any line will be written — so it is kept small: the method,
 * the URL and who called, not every header (the default serializer copied them all, and the
 * redaction then copied them again, on every request).
 */
export function requestSerializer(req: LoggedRequest) {
  return {
    id: req.id,
    method: req.method,
    url: req.originalUrl ?? req.url,
    remoteAddress: req.socket?.remoteAddress,
  };
}

export const responseSerializer = (res: ServerResponse) => ({ statusCode: res.statusCode });

/** The department and user on the request's completion line (set by the API key guard). */
function withCaller(req: LoggedRequest, line: Record<string, unknown>): Record<string, unknown> {
  const caller = req.caller;
  if (caller) {
    line.department = caller.actor.department;
    line.user = caller.actor.user;
  }
  return line;
}

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
      wrapSerializers: false,
      serializers: { req: requestSerializer, res: responseSerializer, err: stdSerializers.err },
      // One line per request when it ends: method, url, status, responseTime, trace, caller. (The
      // caller is known only after the guard, so it is added here rather than with customProps,
      // which built a child logger at the start and another at the end of every request.)
      customSuccessObject: (req, _res, line: Record<string, unknown>) => withCaller(req, line),
      customErrorObject: (req, _res, _err, line: Record<string, unknown>) => withCaller(req, line),
    },
  };
}
