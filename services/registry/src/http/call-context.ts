import { randomUUID } from 'node:crypto';
import { callerOf, type IdempotentRequest } from '@highland/service-kit';
import type { CallContext } from '../commands/registry-commands.js';

export function callContext(req: IdempotentRequest): CallContext {
  const header = req.headers['x-correlation-id'];
  const correlationId =
    typeof header === 'string' && /^[\x21-\x7e]{1,100}$/.test(header) ? header : randomUUID();
  return {
    actor: callerOf(req).actor,
    correlationId,
    ...(req.idempotentEventId ? { eventId: req.idempotentEventId } : {}),
  };
}
