import { Rejection, ReviewScoredV1, type ProgrammeDefinition } from '@highland/contracts';
import { z } from 'zod';
import { sameName } from '../domain/names.js';
import type { ParticipantState } from '../domain/state.js';
import { applicationOf } from './application-lifecycle.js';
import type { IncentivesCommand } from './command.js';

export const ScoreInput = z
  .object({
    scores: z.record(z.string().min(1).max(63), z.number().int().min(0).max(100)),
    comment: z.string().trim().max(4000).optional(),
  })
  .strict();
export type ScoreBody = z.infer<typeof ScoreInput>;

/**
 * A reviewer's score against the programme's criteria: only a reviewer assigned in the current
 * round, never one of the applicant's organisation, once per round; every criterion scored within
 * its maximum.
 */
export function scoreReview(
  id: string,
  reviewer: ParticipantState,
  input: ScoreBody,
  programme: ProgrammeDefinition,
): IncentivesCommand {
  return {
    aggregateId: id,
    name: 'score application',
    decide: (current) => {
      const a = applicationOf(id, current);
      if (a.status !== 'under-review')
        throw Rejection.conflict(
          `the application is '${a.status}', not under review`,
          [{ field: 'status', reason: 'not under review' }],
          {
            currentState: a.status,
          },
        );
      if (sameName(reviewer.organisation, a.applicant))
        throw Rejection.forbidden(
          `reviewer ${reviewer.participantId} belongs to the applicant's organisation`,
          [{ field: 'reviewer', reason: 'conflict of interest: the applicant organisation' }],
        );
      if (!a.reviewers.includes(reviewer.participantId))
        throw Rejection.forbidden(`reviewer ${reviewer.participantId} is not assigned to this application`, [
          { field: 'reviewer', reason: 'not assigned' },
        ]);
      const mine = a.scores.find((s) => s.round === a.round && s.reviewer === reviewer.participantId);
      const errors = [];
      for (const c of programme.criteria) {
        const v = input.scores[c.id];
        if (v === undefined) errors.push({ field: `body.scores.${c.id}`, reason: 'not scored' });
        else if (v > c.maxScore)
          errors.push({ field: `body.scores.${c.id}`, reason: `above the maximum ${c.maxScore}` });
      }
      for (const k of Object.keys(input.scores))
        if (!programme.criteria.some((c) => c.id === k))
          errors.push({ field: `body.scores.${k}`, reason: 'not a criterion of the programme' });
      if (errors.length) throw Rejection.invalid('the scores do not fit the programme criteria', errors);
      const total = Object.values(input.scores).reduce((s, v) => s + v, 0);
      if (mine) {
        if (mine.total === total && JSON.stringify(mine.scores) === JSON.stringify(input.scores))
          return undefined;
        throw Rejection.conflict('this reviewer already scored this round', [
          { field: 'body.scores', reason: 'already scored' },
        ]);
      }
      return {
        contract: ReviewScoredV1,
        data: {
          reviewer: reviewer.participantId,
          organisation: reviewer.organisation,
          scores: input.scores,
          total,
          ...(input.comment ? { comment: input.comment } : {}),
        },
      };
    },
  };
}
