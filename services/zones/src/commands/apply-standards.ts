import { type FieldReason, Rejection, ZoneStandardsAppliedV1 } from '@highland/contracts';
import { z } from 'zod';
import type { Authority } from '../domain/authority.js';
import type { ZoneState } from '../domain/state.js';
import { same, type ZoneCommand, zoneInCharge } from './command.js';
import { PastDate, Reason } from './fields.js';

export const ApplyStandardsInput = z
  .object({
    // Applying none records nothing: at least one code.
    standards: z.array(z.string().trim().min(1).max(200)).min(1).max(300),
    on: PastDate,
    reason: Reason,
  })
  .strict();
export type ApplyStandardsBody = z.infer<typeof ApplyStandardsInput>;

/** What the zones service knows of a registry standard (its own copy, from registry events). */
export interface KnownStandard {
  code: string;
  title: string;
  stage: string;
}

const ENDED = new Set(['withdrawn', 'superseded', 'cancelled']);
/** States in which a zone's records are closed. */
export const CLOSED: ReadonlySet<ZoneState['state']> = new Set(['failed', 'revoked', 'expired']);

export function assertOpen(zone: ZoneState): void {
  if (CLOSED.has(zone.state))
    throw Rejection.conflict(
      `zone "${zone.name}" is ${zone.state}: its records are closed`,
      [{ field: 'state', reason: `the zone is ${zone.state}` }],
      { currentState: zone.state, allowedNext: [] },
    );
}

/**
 * The zone's standards system: the standards it applies, each a standard the registry knows and
 * still in force. Replaces the previous set (every set stays in the stream).
 */
export function applyStandards(
  id: string,
  input: ApplyStandardsBody,
  who: Authority,
  lookup: (code: string) => KnownStandard | undefined,
): ZoneCommand {
  return {
    aggregateId: id,
    name: 'apply standards',
    reason: input.reason,
    decide: (current) => {
      const zone = zoneInCharge(id, current, who);
      assertOpen(zone);
      const errors: FieldReason[] = [];
      const standards: Array<{ code: string; title: string }> = [];
      const seen = new Set<string>();
      for (const [i, code] of input.standards.entries()) {
        const known = lookup(code);
        if (!known) errors.push({ field: `body.standards.${i}`, reason: `"${code}" is not in the registry` });
        else if (ENDED.has(known.stage))
          errors.push({ field: `body.standards.${i}`, reason: `${known.code} is ${known.stage}` });
        else if (seen.has(known.code))
          errors.push({ field: `body.standards.${i}`, reason: `${known.code} is listed twice` });
        else {
          seen.add(known.code);
          standards.push({ code: known.code, title: known.title });
        }
      }
      if (errors.length)
        throw Rejection.unprocessable('standards the registry does not know in force', errors);
      standards.sort((a, b) => a.code.localeCompare(b.code));
      if (same(zone.standards, standards)) return undefined;
      return { contract: ZoneStandardsAppliedV1, data: { standards, on: input.on } };
    },
  };
}
