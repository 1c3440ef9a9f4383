import { ZoneConstructionStartedV1 } from '@highland/contracts';
import { z } from 'zod';
import type { Authority } from '../domain/authority.js';
import { lifecycleMove, type ZoneCommand } from './command.js';
import { PastDate, Reason } from './fields.js';

export const StartConstructionInput = z
  .object({ on: PastDate, taskBook: z.string().trim().min(1).max(200).optional(), reason: Reason })
  .strict();
export type StartConstructionBody = z.infer<typeof StartConstructionInput>;

export function startConstruction(id: string, input: StartConstructionBody, who: Authority): ZoneCommand {
  const data = { on: input.on, ...(input.taskBook ? { taskBook: input.taskBook } : {}) };
  return {
    aggregateId: id,
    name: 'start construction',
    reason: input.reason,
    decide: lifecycleMove({
      id,
      who,
      to: 'under-construction',
      on: input.on,
      decision: { contract: ZoneConstructionStartedV1, data },
      recorded: (zone) => zone.construction,
    }),
  };
}
