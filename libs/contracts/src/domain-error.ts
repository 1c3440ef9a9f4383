/**
 * Why a value was refused, in words the person who sent it can act on. `field` names the input
 * field when the check spans several (the API turns it into problem+json); `position` is a 0-based
 * index into the normalised text for parsers. Shared by every service's domain code, which stays
 * free of framework imports.
 */
export interface DomainError {
  reason: string;
  field?: string;
  position?: number;
}

export type Failure = { ok: false; error: DomainError };

export function failure(reason: string, extra: Omit<DomainError, 'reason'> = {}): Failure {
  return { ok: false, error: { reason, ...extra } };
}

/** What kind of refusal a decision made; the HTTP edge maps each kind to one status (service-kit). */
export type RejectionKind = 'invalid' | 'not-found' | 'conflict' | 'unprocessable' | 'forbidden';

export interface FieldReason {
  /** Where the refused value was: `body.to`, `path.ref`, `query.limit`, `row.12.code`. */
  field: string;
  reason: string;
}

/**
 * A command refused by the domain. Decisions and domain code throw it (they never know about
 * HTTP); the API turns it into problem+json, a bulk import into a rejected row, an RPC into an
 * error reply.
 */
export class Rejection extends Error {
  override name = 'Rejection';

  constructor(
    readonly kind: RejectionKind,
    message: string,
    readonly errors: FieldReason[] = [],
    /** Extra members of the problem (e.g. `currentStage`, `allowedNext`). */
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }

  static invalid(message: string, errors?: FieldReason[], extra?: Record<string, unknown>): Rejection {
    return new Rejection('invalid', message, errors, extra);
  }

  static notFound(message: string, errors?: FieldReason[], extra?: Record<string, unknown>): Rejection {
    return new Rejection('not-found', message, errors, extra);
  }

  static conflict(message: string, errors?: FieldReason[], extra?: Record<string, unknown>): Rejection {
    return new Rejection('conflict', message, errors, extra);
  }

  static unprocessable(message: string, errors?: FieldReason[], extra?: Record<string, unknown>): Rejection {
    return new Rejection('unprocessable', message, errors, extra);
  }

  static forbidden(message: string, errors?: FieldReason[], extra?: Record<string, unknown>): Rejection {
    return new Rejection('forbidden', message, errors, extra);
  }
}
