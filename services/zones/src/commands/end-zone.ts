import { ZoneExpiredV1, ZoneRevokedV1 } from '@highland/contracts';
import { z } from 'zod';
import type { Authority } from '../domain/authority.js';
import { lifecycleMove, type ZoneCommand } from './command.js';
import { PastDate, Reason, Text } from './fields.js';

export const RevokeZoneInput = z.object({ on: PastDate, grounds: Text, reason: Reason }).strict();
export type RevokeZoneBody = z.infer<typeof RevokeZoneInput>;
export const ExpireZoneInput = z.object({ on: PastDate, reason: Reason }).strict();
export type ExpireZoneBody = z.infer<typeof ExpireZoneInput>;

/** The approving authority withdrew the zone's title. */
export function revokeZone(id: string, input: RevokeZoneBody, who: Authority): ZoneCommand {
  const data = { on: input.on, grounds: input.grounds };
  return {
    aggregateId: id,
    name: 'revoke zone',
    reason: input.reason,
    decide: lifecycleMove({
      id,
      who,
      to: 'revoked',
      on: input.on,
      decision: { contract: ZoneRevokedV1, data },
      recorded: (zone) => zone.revoked,
    }),
  };
}

/** The accreditation lapsed at the end of its validity. */
export function expireZone(id: string, input: ExpireZoneBody, who: Authority): ZoneCommand {
  const data = { on: input.on };
  return {
    aggregateId: id,
    name: 'accreditation expired',
    reason: input.reason,
    decide: lifecycleMove({
      id,
      who,
      to: 'expired',
      on: input.on,
      decision: { contract: ZoneExpiredV1, data },
      recorded: (zone) => zone.expired,
    }),
  };
}
