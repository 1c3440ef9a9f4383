import type { RejectionKind } from '@highland/contracts';

/**
 * Errors the HTTP edge throws to answer with a problem (authentication, a malformed body); the
 * domain throws `Rejection` instead, mapped by REJECTION_STATUS. The filter maps both.
 */
export interface FieldError {
  field: string;
  reason: string;
}

/** The one mapping of a domain refusal to its HTTP answer, used by the filter and the API docs. */
export const REJECTION_STATUS: Readonly<Record<RejectionKind, { status: number; title: string }>> = {
  invalid: { status: 400, title: 'Invalid request' },
  forbidden: { status: 403, title: 'Forbidden' },
  'not-found': { status: 404, title: 'Not found' },
  conflict: { status: 409, title: 'Conflict' },
  unprocessable: { status: 422, title: 'Request cannot be processed' },
};

export abstract class ProblemError extends Error {
  abstract readonly status: number;
  abstract readonly title: string;
  constructor(
    message: string,
    readonly errors: FieldError[] = [],
    readonly extra: Record<string, unknown> = {},
    /** Response headers the answer needs (Retry-After). */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export class ValidationProblem extends ProblemError {
  override name = 'ValidationProblem';
  readonly status = 400;
  readonly title = 'Invalid request';
}

export class UnprocessableProblem extends ProblemError {
  override name = 'UnprocessableProblem';
  readonly status = 422;
  readonly title = 'Request cannot be processed';
}

export class NotFoundProblem extends ProblemError {
  override name = 'NotFoundProblem';
  readonly status = 404;
  readonly title = 'Not found';
}

export class ConflictProblem extends ProblemError {
  override name = 'ConflictProblem';
  readonly status = 409;
  readonly title = 'Conflict';
}

export class UnauthorizedProblem extends ProblemError {
  override name = 'UnauthorizedProblem';
  readonly status = 401;
  readonly title = 'Authentication required';
}

export class ForbiddenProblem extends ProblemError {
  override name = 'ForbiddenProblem';
  readonly status = 403;
  readonly title = 'Forbidden';
}
