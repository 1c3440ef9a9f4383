import {
  ApplicationAppealedV1,
  ApplicationAwardedV1,
  ApplicationEligibilityCheckedV1,
  ApplicationFlaggedV1,
  ApplicationRejectedV1,
  ApplicationSubmittedV1,
  ApplicationUnderReviewV1,
  ApplicationWithdrawnV1,
  Rejection,
} from '@highland/contracts';
import { z } from 'zod';
import type { Eligibility } from '../domain/eligibility.js';
import { assertMove } from '../domain/lifecycle.js';
import type { ApplicationState, ParticipantState } from '../domain/state.js';
import { sameName } from '../domain/names.js';
import type { IncentivesCommand } from './command.js';
import type { AggregateEntry } from '@highland/persistence';
import type { IncentivesState } from '../domain/state.js';
import { ineligible } from './draft-application.js';
import { IsoDay, ParticipantSlug, RequiredReason } from './fields.js';

export function applicationOf(
  id: string,
  current: AggregateEntry<IncentivesState> | undefined,
): ApplicationState {
  if (current?.state.kind !== 'application') throw Rejection.notFound(`no application ${id}`);
  return current.state;
}

/** Submits: records the claims the workflow holds for it. */
export function submitApplication(id: string, claims: string[]): IncentivesCommand {
  return {
    aggregateId: id,
    name: 'submit application',
    decide: (current) => {
      const a = applicationOf(id, current);
      if (a.status === 'submitted' && a.claims.join() === claims.join()) return undefined;
      assertMove(a.status, 'submitted');
      return { contract: ApplicationSubmittedV1, data: { claims } };
    },
  };
}

export function recordEligibility(id: string, result: Eligibility): IncentivesCommand {
  return {
    aggregateId: id,
    name: 'check eligibility',
    decide: (current) => {
      const a = applicationOf(id, current);
      if (a.status === 'eligibility-checked') return undefined;
      assertMove(a.status, 'eligibility-checked');
      if (!result.eligible) throw ineligible(result);
      return {
        contract: ApplicationEligibilityCheckedV1,
        data: {
          eligible: result.eligible,
          outcomes: result.outcomes,
          checks: result.checks,
          eligibleFen: result.eligibleFen,
        },
      };
    },
  };
}

export const StartReviewInput = z
  .object({ reviewers: z.array(ParticipantSlug).max(20), reason: z.string().max(2000).optional() })
  .strict();
export type StartReviewBody = z.infer<typeof StartReviewInput>;

/**
 * Sends an application to review, assigned to reviewers: a reviewer of the applicant's own
 * organisation is refused (conflict of interest), as is one who is not a registered reviewer.
 */
export function startReview(
  id: string,
  input: StartReviewBody,
  reviewers: Array<ParticipantState | undefined>,
): IncentivesCommand {
  return {
    aggregateId: id,
    name: 'start review',
    ...(input.reason ? { reason: input.reason } : {}),
    decide: (current) => {
      const a = applicationOf(id, current);
      assertMove(a.status, 'under-review');
      reviewers.forEach((r, i) => {
        if (!r || r.role !== 'reviewer')
          throw Rejection.unprocessable(`${input.reviewers[i]} is not a registered reviewer`, [
            { field: `body.reviewers.${i}`, reason: 'not a registered reviewer' },
          ]);
        if (sameName(r.organisation, a.applicant))
          throw Rejection.conflict(`reviewer ${r.participantId} belongs to the applicant's organisation`, [
            { field: `body.reviewers.${i}`, reason: 'conflict of interest: the applicant organisation' },
          ]);
      });
      return {
        contract: ApplicationUnderReviewV1,
        data: { round: a.round + 1, reviewers: input.reviewers },
      };
    },
  };
}

export const RejectInput = z.object({ reason: RequiredReason }).strict();

export function rejectApplication(id: string, reason: string): IncentivesCommand {
  return {
    aggregateId: id,
    name: 'reject application',
    reason,
    decide: (current) => {
      const a = applicationOf(id, current);
      if (a.status === 'rejected' && a.rejection === reason) return undefined;
      assertMove(a.status, 'rejected');
      return { contract: ApplicationRejectedV1, data: { reason } };
    },
  };
}

export const WithdrawInput = z.object({ reason: z.string().trim().max(2000).optional() }).strict();

export function withdrawApplication(id: string, reason?: string): IncentivesCommand {
  return {
    aggregateId: id,
    name: 'withdraw application',
    ...(reason ? { reason } : {}),
    decide: (current) => {
      const a = applicationOf(id, current);
      if (a.status === 'withdrawn') return undefined;
      assertMove(a.status, 'withdrawn');
      return { contract: ApplicationWithdrawnV1, data: { from: a.status } };
    },
  };
}

export const AppealInput = z.object({ grounds: z.string().trim().min(1).max(4000) }).strict();

/** One appeal per application. */
export function appealApplication(id: string, grounds: string): IncentivesCommand {
  return {
    aggregateId: id,
    name: 'appeal rejection',
    decide: (current) => {
      const a = applicationOf(id, current);
      if (a.status === 'appealed') return undefined;
      assertMove(a.status, 'appealed');
      if (a.appeals >= 1)
        throw Rejection.conflict(
          'an application may appeal once',
          [{ field: 'body.grounds', reason: 'already appealed once' }],
          {
            currentState: a.status,
            allowedNext: [],
          },
        );
      return { contract: ApplicationAppealedV1, data: { grounds } };
    },
  };
}

export const AwardInput = z.object({ noticeOn: IsoDay }).strict();

export function awardApplication(id: string, noticeOn: string): IncentivesCommand {
  return {
    aggregateId: id,
    name: 'award',
    decide: (current) => {
      const a = applicationOf(id, current);
      if (a.status === 'awarded') return undefined;
      assertMove(a.status, 'awarded');
      return { contract: ApplicationAwardedV1, data: { amountFen: a.approvedFen ?? 0, noticeOn } };
    },
  };
}

/** Flags an approved application whose fact changed; the same flag again changes nothing. */
export function flagApplication(
  id: string,
  flag: {
    item: number;
    cause: 'standard-withdrawn' | 'zone-revoked' | 'seat-ended';
    detail: string;
    on: string;
  },
): IncentivesCommand {
  return {
    aggregateId: id,
    name: 'flag application',
    decide: (current) => {
      const a = applicationOf(id, current);
      if (a.flags.some((f) => f.item === flag.item && f.cause === flag.cause)) return undefined;
      return { contract: ApplicationFlaggedV1, data: flag };
    },
  };
}
