import { ApplicationDraftedV1, CitedItem, Rejection } from '@highland/contracts';
import { z } from 'zod';
import type { Eligibility } from '../domain/eligibility.js';
import type { IncentivesCommand } from './command.js';

export const DraftApplicationInput = z
  .object({
    programmeId: z.string().min(1).max(63),
    items: z.array(CitedItem).min(1).max(50),
  })
  .strict()
  .superRefine((a, ctx) => {
    a.items.forEach((item, i) => {
      if (item.source === 'grant' && item.grantFen === undefined)
        ctx.addIssue({ code: 'custom', path: ['items', i, 'grantFen'], message: 'required for a grant' });
      if (item.source !== 'grant' && item.grantFen !== undefined)
        ctx.addIssue({ code: 'custom', path: ['items', i, 'grantFen'], message: 'only for a grant' });
      if (item.role && item.source !== 'registry')
        ctx.addIssue({ code: 'custom', path: ['items', i, 'role'], message: 'only for a registry standard' });
    });
  });
export type DraftApplicationBody = z.infer<typeof DraftApplicationInput>;

/** The 422 of an application with ineligible items: every failed item named, every rule explained. */
export function ineligible(result: Eligibility): Rejection {
  return Rejection.unprocessable('some cited items are not eligible', result.errors, {
    outcomes: result.outcomes,
    checks: result.checks,
  });
}

/**
 * Drafts an application: only when every cited item is eligible now (the answer explains every
 * rule, passed or failed), so nothing is stored for an application that cannot succeed.
 */
export function draftApplication(
  id: string,
  input: DraftApplicationBody,
  applicant: { participantId: string; name: string },
  result: Eligibility,
): IncentivesCommand {
  return {
    aggregateId: id,
    name: 'draft application',
    decide: (current) => {
      if (current) return undefined;
      if (!result.eligible) throw ineligible(result);
      return {
        contract: ApplicationDraftedV1,
        data: {
          programmeId: input.programmeId,
          applicant: applicant.name,
          participantId: applicant.participantId,
          items: input.items,
          outcomes: result.outcomes,
          requestedFen: result.requestedFen,
        },
      };
    },
  };
}
