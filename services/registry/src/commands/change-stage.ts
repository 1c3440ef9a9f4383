import { StandardStageChangedV1 } from '@highland/contracts';
import { Rejection } from '@highland/contracts';
import { z } from 'zod';
import { NATIONAL_STAGES, transition } from '../domain/stages.js';
import type { RegistryCommand } from './command.js';
import { AnyDate, PastDate, Reason, StandardCode } from './fields.js';

export const ChangeStageInput = z
  .object({
    to: z.enum(NATIONAL_STAGES),
    on: PastDate,
    publishedOn: PastDate.optional(),
    effectiveOn: AnyDate.optional(),
    supersededBy: StandardCode.optional(),
    reason: Reason,
  })
  .strict()
  .superRefine((s, ctx) => {
    if (s.to === 'published' && !s.publishedOn) {
      ctx.addIssue({ code: 'custom', path: ['publishedOn'], message: "required when moving to 'published'" });
    }
    if (s.to !== 'published' && (s.publishedOn || s.effectiveOn)) {
      ctx.addIssue({
        code: 'custom',
        path: ['publishedOn'],
        message: "dates of publication belong to the move to 'published'",
      });
    }
    if (s.to === 'superseded' && !s.supersededBy) {
      ctx.addIssue({
        code: 'custom',
        path: ['supersededBy'],
        message: "required when moving to 'superseded'",
      });
    }
    if (s.effectiveOn && s.publishedOn && s.effectiveOn < s.publishedOn) {
      ctx.addIssue({ code: 'custom', path: ['effectiveOn'], message: 'before the publication date' });
    }
  });
export type ChangeStageBody = z.infer<typeof ChangeStageInput>;

export function changeStage(aggregateId: string, input: ChangeStageBody): RegistryCommand {
  return {
    aggregateId,
    name: `move to ${input.to}`,
    reason: input.reason,
    decide: (current) => {
      if (!current || current.state.kind !== 'standard')
        throw Rejection.notFound(`no standard ${aggregateId}`);
      const s = current.state;
      const move = transition(s.stage, input.to);
      if (!move.ok) {
        throw Rejection.conflict(move.error.reason, [{ field: 'body.to', reason: move.error.reason }], {
          currentStage: move.current,
          allowedNext: move.allowed,
        });
      }
      if (s.stageHistory.length && input.on < s.stageHistory[s.stageHistory.length - 1]!.on) {
        throw Rejection.conflict(`the move is dated before the previous one (${s.stageHistory.at(-1)!.on})`, [
          { field: 'body.on', reason: 'before the previous stage change' },
        ]);
      }
      return {
        contract: StandardStageChangedV1,
        data: {
          code: s.code,
          from: move.transition.from,
          to: move.transition.to,
          isoStage: move.transition.isoStage,
          on: input.on,
          ...(input.publishedOn ? { publishedOn: input.publishedOn } : {}),
          ...(input.effectiveOn ? { effectiveOn: input.effectiveOn } : {}),
          ...(input.supersededBy ? { supersededBy: input.supersededBy.normalized } : {}),
        },
      };
    },
  };
}
