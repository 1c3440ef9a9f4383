/**
 * A duplicate-key error from an insert. Only the code is reliable across servers: FerretDB sends
 * no keyValue/keyPattern (see docs/MONGODB-PORTABILITY in the architecture notes).
 */
export function isDuplicateKeyError(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const e = err as { code?: unknown; writeErrors?: Array<{ code?: unknown }>; cause?: unknown };
  if (e.code === 11000 || e.code === 11001) return true;
  if (Array.isArray(e.writeErrors) && e.writeErrors.some((w) => w.code === 11000)) return true;
  return e.cause !== undefined && e.cause !== err && isDuplicateKeyError(e.cause);
}

/**
 * A command that was not confirmed within its deadline (NATS down or reconnecting): it may still be
 * recorded, once, under its event id; the caller retries (with the same Idempotency-Key) or reads.
 */
export class CommandUnconfirmed extends Error {
  override name = 'CommandUnconfirmed';
  constructor(
    readonly aggregateId: string,
    readonly deadlineMs: number,
  ) {
    super(`the command on ${aggregateId} was not confirmed within ${deadlineMs} ms`);
  }
}
