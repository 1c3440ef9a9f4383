import { Rejection, ZoneFailedV1, ZonePassedV1, ZoneRectificationRequiredV1 } from '@highland/contracts';
import type { Decision } from '@highland/persistence';
import { z } from 'zod';
import type { Authority } from '../domain/authority.js';
import type { ZoneState } from '../domain/state.js';
import { lifecycleMove, type ZoneCommand } from './command.js';
import { AnyDate, PastDate, Reason, Text } from './fields.js';

export const DecideAcceptanceInput = z
  .discriminatedUnion('outcome', [
    z
      .object({
        outcome: z.literal('passed'),
        on: PastDate,
        certificate: z.string().trim().min(1).max(200).optional(),
        reason: Reason,
      })
      .strict(),
    z
      .object({
        outcome: z.literal('rectification-required'),
        on: PastDate,
        deadline: AnyDate,
        shortcomings: Text,
        reason: Reason,
      })
      .strict(),
    z.object({ outcome: z.literal('failed'), on: PastDate, grounds: Text, reason: Reason }).strict(),
  ])
  .superRefine((s, ctx) => {
    if (s.outcome === 'rectification-required' && s.deadline <= s.on)
      ctx.addIssue({ code: 'custom', path: ['deadline'], message: 'not after the decision' });
  });
export type DecideAcceptanceBody = z.infer<typeof DecideAcceptanceInput>;

/**
 * The outcome of the last inspection: passed only when it met the pass mark with every key item;
 * rectification or failure only when it did not. The authority chooses between those two.
 */
export function decideAcceptance(id: string, input: DecideAcceptanceBody, who: Authority): ZoneCommand {
  return {
    aggregateId: id,
    name: `acceptance: ${input.outcome}`,
    reason: input.reason,
    decide: (current) => {
      const inspection = current?.state.inspections.length ?? 0;
      let decision: Decision & { data: Record<string, unknown> };
      let recorded: (zone: ZoneState) => unknown;
      if (input.outcome === 'passed') {
        decision = {
          contract: ZonePassedV1,
          data: {
            on: input.on,
            inspection,
            ...(input.certificate ? { certificate: input.certificate } : {}),
          },
        };
        recorded = (z) => z.passed;
      } else if (input.outcome === 'rectification-required') {
        decision = {
          contract: ZoneRectificationRequiredV1,
          data: { on: input.on, inspection, deadline: input.deadline, shortcomings: input.shortcomings },
        };
        recorded = (z) => z.rectifications.at(-1);
      } else {
        decision = { contract: ZoneFailedV1, data: { on: input.on, inspection, grounds: input.grounds } };
        recorded = (z) => z.failed;
      }
      return lifecycleMove({
        id,
        who,
        to: input.outcome,
        on: input.on,
        decision,
        recorded,
        check: (zone) => {
          const last = zone.inspections.at(-1)!;
          if (input.outcome === 'passed' && !last.meetsPassMark)
            throw Rejection.conflict(
              `inspection ${last.inspection} scored ${last.percent}% (pass mark ${last.sheet.passMark}%)${
                last.keyItemsFailed.length ? `, key items not met: ${last.keyItemsFailed.join(', ')}` : ''
              }: the zone cannot pass`,
              [{ field: 'body.outcome', reason: 'the last inspection did not meet the pass mark' }],
            );
          if (input.outcome !== 'passed' && last.meetsPassMark)
            throw Rejection.conflict(`inspection ${last.inspection} met the pass mark (${last.percent}%)`, [
              {
                field: 'body.outcome',
                reason: 'the last inspection met the pass mark: the outcome is passed',
              },
            ]);
        },
      })(current);
    },
  };
}
