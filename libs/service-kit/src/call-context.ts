import { randomUUID } from 'node:crypto';
import type { CallContext } from '@highland/persistence';
import { callerOf } from './auth.js';
import type { IdempotentRequest } from './idempotency.js';

/** A caller's own correlation id is kept when it is printable ASCII of sane length, else replaced. */
const CORRELATION_ID = /^[\x21-\x7e]{1,100}$/;

/** Who calls and under which request, for every command of every service: from the key, the headers and Idempotency-Key. */
export function callContext(req: IdempotentRequest): CallContext {
  const header = req.headers['x-correlation-id'];
  return {
    actor: callerOf(req).actor,
    correlationId: typeof header === 'string' && CORRELATION_ID.test(header) ? header : randomUUID(),
    ...(req.idempotentEventId ? { eventId: req.idempotentEventId } : {}),
  };
}
