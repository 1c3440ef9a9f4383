import { ZONE_LEVELS, ZoneApprovedV1 } from '@highland/contracts';
import { z } from 'zod';
import type { Authority } from '../domain/authority.js';
import { lifecycleMove, type ZoneCommand } from './command.js';
import { AnyDate, PastDate, Reason } from './fields.js';

export const ApproveZoneInput = z
  .object({
    level: z.enum(ZONE_LEVELS).describe('the level granted (defaults to the level applied for)').optional(),
    batch: z.string().trim().min(1).max(100),
    approvalDocument: z.string().trim().min(1).max(200),
    approvedOn: PastDate,
    constructionFrom: AnyDate,
    constructionTo: AnyDate,
    reason: Reason,
  })
  .strict()
  .superRefine((s, ctx) => {
    if (s.constructionTo <= s.constructionFrom)
      ctx.addIssue({ code: 'custom', path: ['constructionTo'], message: 'not after constructionFrom' });
    if (s.constructionFrom < s.approvedOn)
      ctx.addIssue({ code: 'custom', path: ['constructionFrom'], message: 'before the approval' });
  });
export type ApproveZoneBody = z.infer<typeof ApproveZoneInput>;

export function approveZone(id: string, input: ApproveZoneBody, who: Authority): ZoneCommand {
  return {
    aggregateId: id,
    name: 'approve zone',
    reason: input.reason,
    decide: (current) => {
      // Granted at the level applied for unless the authority says otherwise; no zone: refused below.
      const level =
        input.level ?? current?.state.application?.level ?? current?.state.levelSought ?? 'municipal';
      const data = {
        level,
        batch: input.batch,
        approvalDocument: input.approvalDocument,
        approvedOn: input.approvedOn,
        constructionFrom: input.constructionFrom,
        constructionTo: input.constructionTo,
      };
      return lifecycleMove({
        id,
        who,
        to: 'approved',
        on: input.approvedOn,
        onField: 'body.approvedOn',
        decision: { contract: ZoneApprovedV1, data },
        recorded: (zone) => zone.approval,
      })(current);
    },
  };
}
