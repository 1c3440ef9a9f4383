// The one mapping from a domain refusal to its HTTP answer: every kind has its status, and the
// problem names the field and carries the decision's extra members.
import { Rejection, type RejectionKind } from '@highland/contracts';
import { RequestFailed } from '@highland/messaging';
import { describe, expect, it } from 'vitest';
import { REJECTION_STATUS } from '../src/errors.js';
import { ProblemFilter } from '../src/problem.filter.js';

const filter = new ProblemFilter();

describe('ProblemFilter', () => {
  it('maps every rejection kind to its status, with the fields and extra members', () => {
    const expected: Record<RejectionKind, number> = {
      invalid: 400,
      forbidden: 403,
      'not-found': 404,
      conflict: 409,
      unprocessable: 422,
    };
    for (const [kind, status] of Object.entries(expected)) {
      const problem = filter.toProblem(
        new Rejection(kind as RejectionKind, `refused: ${kind}`, [{ field: 'body.to', reason: 'why' }], {
          currentStage: 'draft',
        }),
      );
      expect(problem).toMatchObject({
        status,
        title: REJECTION_STATUS[kind as RejectionKind].title,
        type: expect.stringContaining(kind) as string,
        detail: `refused: ${kind}`,
        errors: [{ field: 'body.to', reason: 'why' }],
        currentStage: 'draft',
      });
    }
  });

  it('answers 503 when another service did not answer, and 500 for anything unexpected', () => {
    expect(filter.toProblem(new RequestFailed('registry.rpc.x.v1', 'internal', 'down')).status).toBe(503);
    expect(filter.toProblem(new Error('boom'))).toMatchObject({
      status: 500,
      detail: 'an unexpected error occurred',
    });
  });
});
