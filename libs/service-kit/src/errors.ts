/** Errors a handler throws to answer with a problem: the filter maps each to its status. */
export interface FieldError {
  field: string;
  reason: string;
}

export abstract class ProblemError extends Error {
  abstract readonly status: number;
  abstract readonly title: string;
  constructor(
    message: string,
    readonly errors: FieldError[] = [],
    readonly extra: Record<string, unknown> = {},
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
