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
