import { ZoneMidtermReviewedV1 } from '@highland/contracts';
import { z } from 'zod';
import type { Authority } from '../domain/authority.js';
import { lifecycleMove, type ZoneCommand } from './command.js';
import { PastDate, Reason, Text } from './fields.js';

export const ReviewMidtermInput = z
  .object({ on: PastDate, assessment: z.enum(['on-track', 'concerns']), findings: Text, reason: Reason })
  .strict();
export type ReviewMidtermBody = z.infer<typeof ReviewMidtermInput>;

export function reviewMidterm(id: string, input: ReviewMidtermBody, who: Authority): ZoneCommand {
  const data = { on: input.on, assessment: input.assessment, findings: input.findings };
  return {
    aggregateId: id,
    name: 'mid-term review',
    reason: input.reason,
    decide: lifecycleMove({
      id,
      who,
      to: 'midterm-reviewed',
      on: input.on,
      decision: { contract: ZoneMidtermReviewedV1, data },
      recorded: (zone) => zone.midterm,
    }),
  };
}
