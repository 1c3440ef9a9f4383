import { ProgrammeDefinedV1, ProgrammeDefinition, Rejection } from '@highland/contracts';
import type { z } from 'zod';
import { programmeId } from '../domain/ids.js';
import { programmeProblems } from '../domain/programme.js';
import type { IncentivesCommand } from './command.js';
import { sameContent } from './fields.js';

/** A programme as data: the contract's shape plus what the shape cannot say, each at its JSON path. */
export const DefineProgrammeInput = ProgrammeDefinition.superRefine((p, ctx) => {
  for (const problem of programmeProblems(p))
    ctx.addIssue({ code: 'custom', path: problem.path, message: problem.reason });
});
export type DefineProgrammeBody = z.infer<typeof DefineProgrammeInput>;

/**
 * Defines a programme, or redefines it (rules corrected before the window opens, a budget raised);
 * a budget below what is already committed is refused.
 */
export function defineProgramme(input: DefineProgrammeBody, committedFen: number): IncentivesCommand {
  return {
    aggregateId: programmeId(input.id),
    name: 'define programme',
    decide: (current) => {
      if (current?.state.kind === 'programme' && sameContent(current.state.definition, input))
        return undefined;
      if (input.totalBudgetFen < committedFen)
        throw Rejection.conflict(`${committedFen} fen of the budget are already committed`, [
          { field: 'body.totalBudgetFen', reason: `below the committed ${committedFen} fen` },
        ]);
      return { contract: ProgrammeDefinedV1, data: input };
    },
  };
}
