/** An event that does not satisfy its contract: a programming error, never sent. */
export class ContractViolation extends Error {
  override name = 'ContractViolation';
  constructor(
    readonly eventType: string,
    readonly issues: ReadonlyArray<{ path: string; message: string }>,
  ) {
    super(
      `event ${eventType} violates its contract: ${issues.map((i) => `${i.path || '(root)'}: ${i.message}`).join('; ')}`,
    );
  }
}

/** Another event reached the aggregate first (JetStream's expected-last-subject-sequence refused ours). */
export class ConcurrencyConflict extends Error {
  override name = 'ConcurrencyConflict';
  constructor(
    readonly aggregateId: string,
    readonly expectedSeq: number,
  ) {
    super(`aggregate ${aggregateId} changed since stream sequence ${expectedSeq}`);
  }
}

/** A failure that retrying cannot fix: the message goes to the dead-letter stream at once. */
export class PermanentError extends Error {
  override name = 'PermanentError';
}

/**
 * The event is in the stream, but this replica's view did not apply it in time (NATS reconnecting,
 * its consumer being recreated): the caller may retry, and reads will show it once the view catches up.
 */
export class ViewBehind extends Error {
  override name = 'ViewBehind';
  constructor(
    readonly seq: number,
    readonly timeoutMs: number,
  ) {
    super(`view did not reach stream sequence ${seq} in ${timeoutMs} ms`);
  }
}
