import { ApplicationApprovedV1, Rejection, type ProgrammeDefinition } from '@highland/contracts';
import { z } from 'zod';
import type { ApplicationState } from '../domain/state.js';
import { assertMove } from '../domain/lifecycle.js';
import { applicationOf } from './application-lifecycle.js';
import type { IncentivesCommand } from './command.js';
import { RequiredReason } from './fields.js';

export const DecisionInput = z.discriminatedUnion('outcome', [
  z
    .object({
      outcome: z.literal('approve'),
      amountFen: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional(),
      tier: z.string().min(1).max(63).optional(),
      reason: z.string().trim().max(2000).optional(),
    })
    .strict(),
  z.object({ outcome: z.literal('reject'), reason: RequiredReason }).strict(),
]);
export type DecisionBody = z.infer<typeof DecisionInput>;
export type ApproveBody = Extract<DecisionBody, { outcome: 'approve' }>;

/**
 * The amount an approval grants: a prize tier's amount, or the amount asked, or what eligibility
 * found; never more than what eligibility found, and only with enough scores of this round.
 */
export function approvalAmount(a: ApplicationState, input: ApproveBody, p: ProgrammeDefinition): number {
  assertMove(a.status, 'approved');
  const scores = a.scores.filter((s) => s.round === a.round).length;
  if (scores < p.reviewsRequired)
    throw Rejection.conflict(
      `${scores} of the ${p.reviewsRequired} scores the programme needs`,
      [{ field: 'scores', reason: `${p.reviewsRequired - scores} more needed` }],
      { scores, required: p.reviewsRequired },
    );
  const eligible = a.eligibility?.eligibleFen ?? 0;
  let amount = input.amountFen ?? eligible;
  if (input.tier) {
    const tier = p.prizeTiers?.find((t) => t.id === input.tier);
    if (!tier)
      throw Rejection.invalid(`no prize tier ${input.tier}`, [
        { field: 'body.tier', reason: 'not a prize tier of the programme' },
      ]);
    if (input.amountFen !== undefined && input.amountFen !== tier.amountFen)
      throw Rejection.invalid("the amount is the tier's", [
        { field: 'body.amountFen', reason: `tier ${tier.id} is ${tier.amountFen} fen` },
      ]);
    amount = tier.amountFen;
  }
  if (p.kind !== 'award' && amount > eligible)
    throw Rejection.unprocessable(`${amount} fen is more than the eligible ${eligible} fen`, [
      { field: 'body.amountFen', reason: `over the eligible amount (${eligible} fen)` },
    ]);
  if (amount > p.perApplicantCapFen)
    throw Rejection.unprocessable(`${amount} fen is over the per-applicant cap`, [
      { field: 'body.amountFen', reason: `over the per-applicant cap (${p.perApplicantCapFen} fen)` },
    ]);
  if (amount <= 0)
    throw Rejection.unprocessable('nothing to approve', [{ field: 'body.amountFen', reason: 'zero' }]);
  return amount;
}

export function approveApplication(
  id: string,
  amountFen: number,
  tier: string | undefined,
  reason?: string,
): IncentivesCommand {
  return {
    aggregateId: id,
    name: 'approve application',
    ...(reason ? { reason } : {}),
    decide: (current) => {
      const a = applicationOf(id, current);
      if (a.status === 'approved' && a.approvedFen === amountFen) return undefined;
      assertMove(a.status, 'approved');
      return { contract: ApplicationApprovedV1, data: { amountFen, ...(tier ? { tier } : {}) } };
    },
  };
}
