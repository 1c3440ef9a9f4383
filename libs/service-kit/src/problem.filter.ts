import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { Rejection } from '@highland/contracts';
import { ContractViolation, RequestFailed, ViewBehind } from '@highland/messaging';
import { CommandUnconfirmed } from '@highland/persistence';
import type { Request as ExpressRequest, Response as ExpressResponse } from 'express';
import { ProblemError, REJECTION_STATUS } from './errors.js';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  errors?: Array<{ field: string; reason: string }>;
  [extra: string]: unknown;
}

const TYPE_BASE = 'https://highland.invalid/problems/';

/** Every error becomes RFC 9457 problem+json; the body names the field and the reason where there is one. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly log = new Logger('ProblemFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const ctx = host.switchToHttp();
    const req = ctx.getRequest<ExpressRequest>();
    const res = ctx.getResponse<ExpressResponse>();
    const problem = this.toProblem(exception);
    problem.instance = req.originalUrl;
    if (problem.status >= 500)
      this.log.error(exception instanceof Error ? exception.stack : String(exception));
    if (res.headersSent) return;
    if (exception instanceof ProblemError)
      for (const [name, value] of Object.entries(exception.headers)) res.setHeader(name, value);
    if (problem.status === 503 && !res.getHeader('Retry-After')) res.setHeader('Retry-After', '2');
    res.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
  }

  toProblem(exception: unknown): Problem {
    if (exception instanceof Rejection) {
      const { status, title } = REJECTION_STATUS[exception.kind];
      return {
        type: `${TYPE_BASE}${exception.kind}`,
        title,
        status,
        detail: exception.message,
        ...(exception.errors.length ? { errors: exception.errors } : {}),
        ...exception.extra,
      };
    }
    if (exception instanceof CommandUnconfirmed || exception instanceof ViewBehind) {
      // Sent, perhaps recorded, not confirmed in time: a retry with the same Idempotency-Key is safe.
      return {
        type: `${TYPE_BASE}unavailable`,
        title: 'Service unavailable',
        status: 503,
        detail:
          'the change was not confirmed in time and may still be recorded; retry with the same Idempotency-Key, or read it first',
      };
    }
    if (exception instanceof RequestFailed || isNatsUnavailable(exception) || isStoreUnavailable(exception)) {
      // Another service (or NATS) did not answer: the caller may retry, nothing was recorded.
      return {
        type: `${TYPE_BASE}unavailable`,
        title: 'Service unavailable',
        status: 503,
        detail: 'a service this request depends on did not answer; try again shortly',
      };
    }
    if (exception instanceof ProblemError) {
      return {
        type: `${TYPE_BASE}${exception.name.replace(/Problem$/, '').toLowerCase()}`,
        title: exception.title,
        status: exception.status,
        detail: exception.message,
        ...(exception.errors.length ? { errors: exception.errors } : {}),
        ...exception.extra,
      };
    }
    if (exception instanceof ContractViolation) {
      // A handler built an event its contract refuses: a bug of ours, not of the caller.
      return {
        type: `${TYPE_BASE}internal`,
        title: 'Internal error',
        status: 500,
        detail: 'the event could not be recorded',
      };
    }
    // body-parser errors (malformed JSON, too large, wrong charset) carry status and type.
    const e = exception as {
      status?: number;
      statusCode?: number;
      type?: string;
      message?: string;
      expose?: boolean;
    };
    if (e && typeof e === 'object' && typeof e.type === 'string' && (e.status ?? e.statusCode)) {
      const status = (e.status ?? e.statusCode)!;
      const detail =
        e.type === 'entity.too.large'
          ? 'the request body is larger than this endpoint accepts'
          : e.type === 'entity.parse.failed'
            ? `the request body is not valid JSON: ${e.message ?? ''}`
            : (e.message ?? e.type);
      return {
        type: `${TYPE_BASE}${e.type.replace(/\./g, '-')}`,
        title: status === 413 ? 'Payload too large' : 'Invalid request body',
        status,
        detail,
        errors: [{ field: 'body', reason: detail }],
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      const detail =
        typeof body === 'string' ? body : ((body as { message?: unknown }).message ?? exception.message);
      const text = Array.isArray(detail)
        ? detail.map(String).join('; ')
        : typeof detail === 'string'
          ? detail
          : JSON.stringify(detail);
      // Nest turns body-parser failures (malformed JSON, too large) into these: name the body.
      const aboutBody = status === 413 || (status === 400 && /JSON|body|payload/i.test(text));
      // A path whose percent-escapes do not decode (express's router refuses it before any route).
      const aboutPath = status === 400 && /decode param|URI/i.test(text);
      return {
        type: `${TYPE_BASE}http-${status}`,
        title: exception.name.replace(/Exception$/, '').replace(/([a-z])([A-Z])/g, '$1 $2'),
        status,
        detail: text,
        ...(aboutBody ? { errors: [{ field: 'body', reason: text }] } : {}),
        ...(aboutPath && !aboutBody ? { errors: [{ field: 'path', reason: text }] } : {}),
      };
    }
    return {
      type: `${TYPE_BASE}internal`,
      title: 'Internal error',
      status: 500,
      detail: 'an unexpected error occurred',
    };
  }
}

/** The error and its causes (nats.js wraps "no responders" and timeouts in a RequestError). */
function* causes(err: unknown): Generator<{ name?: unknown; message?: unknown }> {
  for (let e = err, depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    yield e;
    e = (e as { cause?: unknown }).cause;
  }
}

/**
 * nats.js's errors when no server or no responder answered, as while NATS restarts and JetStream
 * is not back yet (their classes differ by version: NoResponders is v3's, NoRespondersError v2's).
 */
const NATS_UNAVAILABLE = new Set([
  'NoResponders',
  'NoRespondersError',
  'RequestError',
  'TimeoutError',
  'ConnectionError',
  'ClosedConnectionError',
  'DrainingConnectionError',
]);
function isNatsUnavailable(err: unknown): boolean {
  for (const e of causes(err)) if (typeof e.name === 'string' && NATS_UNAVAILABLE.has(e.name)) return true;
  return false;
}

/** The MongoDB driver's (and mongoose's) errors when the store cannot be reached. */
const STORE_UNAVAILABLE = new Set([
  'MongoServerSelectionError',
  'MongooseServerSelectionError',
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoNotConnectedError',
  'MongoTopologyClosedError',
  'MongoPoolClearedError',
]);
function isStoreUnavailable(err: unknown): boolean {
  for (const e of causes(err)) {
    if (typeof e.name === 'string' && STORE_UNAVAILABLE.has(e.name)) return true;
    // mongoose queues operations while disconnected and fails them after bufferTimeoutMS.
    if (e.name === 'MongooseError' && typeof e.message === 'string' && /buffering timed out/.test(e.message))
      return true;
  }
  return false;
}
