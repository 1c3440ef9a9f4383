import { randomUUID } from 'node:crypto';
import { callerOf, type IdempotentRequest } from '@highland/service-kit';
import type { Ctx } from '../commands/tbt-commands.js';

export function ctxOf(req: IdempotentRequest): Ctx {
  const header = req.headers['x-correlation-id'];
  return {
    actor: callerOf(req).actor,
    correlationId: typeof header === 'string' && /^[\x21-\x7e]{1,100}$/.test(header) ? header : randomUUID(),
    ...(req.idempotentEventId ? { eventId: req.idempotentEventId } : {}),
  };
}
