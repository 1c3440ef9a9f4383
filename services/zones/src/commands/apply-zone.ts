import { ZONE_LEVELS, ZoneAppliedV1 } from '@highland/contracts';
import { z } from 'zod';
import type { Authority } from '../domain/authority.js';
import { lifecycleMove, type ZoneCommand } from './command.js';
import { PastDate, Reason } from './fields.js';

export const ApplyZoneInput = z
  .object({
    authority: z.string().trim().min(1).max(200),
    level: z.enum(ZONE_LEVELS),
    appliedOn: PastDate,
    reason: Reason,
  })
  .strict();
export type ApplyZoneBody = z.infer<typeof ApplyZoneInput>;

export function applyZone(id: string, input: ApplyZoneBody, who: Authority): ZoneCommand {
  const data = { authority: input.authority, level: input.level, appliedOn: input.appliedOn };
  return {
    aggregateId: id,
    name: 'apply for approval',
    reason: input.reason,
    decide: lifecycleMove({
      id,
      who,
      to: 'applied',
      on: input.appliedOn,
      onField: 'body.appliedOn',
      decision: { contract: ZoneAppliedV1, data },
      recorded: (zone) => zone.application,
    }),
  };
}
