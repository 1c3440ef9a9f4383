import { Rejection, ZoneCoverageReportedV1 } from '@highland/contracts';
import { z } from 'zod';
import type { Authority } from '../domain/authority.js';
import { same, type ZoneCommand, zoneInCharge } from './command.js';
import { Reason } from './fields.js';
import { assertOpen } from './apply-standards.js';

export const ReportCoverageInput = z
  .object({
    period: z
      .string()
      .regex(/^\d{4}(-(H[12]|Q[1-4]))?$/, 'a year, half-year or quarter: "2026", "2026-H1", "2026-Q3"')
      .refine((p) => Number(p.slice(0, 4)) <= new Date().getUTCFullYear(), 'a period still to come'),
    areaMu: z.number().min(0),
    households: z.number().int().min(0),
    enterprises: z.number().int().min(0),
    outputTenThousandYuan: z.number().min(0),
    standardCoveragePercent: z.number().min(0).max(100).optional(),
    reason: Reason,
  })
  .strict();
export type ReportCoverageBody = z.infer<typeof ReportCoverageInput>;

/** Coverage figures for one period, once the zone is approved; a corrected report replaces the period's. */
export function reportCoverage(id: string, input: ReportCoverageBody, who: Authority): ZoneCommand {
  const { reason: _reason, ...data } = input;
  return {
    aggregateId: id,
    name: `coverage ${input.period}`,
    reason: input.reason,
    decide: (current) => {
      const zone = zoneInCharge(id, current, who);
      assertOpen(zone);
      if (!zone.approval)
        throw Rejection.conflict(
          `zone "${zone.name}" is ${zone.state}: coverage is reported once it is approved`,
          [{ field: 'state', reason: 'not approved yet' }],
          { currentState: zone.state, allowedNext: [] },
        );
      if (input.areaMu > zone.areaMu)
        throw Rejection.unprocessable(
          `covered area ${input.areaMu} mu exceeds the zone's ${zone.areaMu} mu`,
          [{ field: 'body.areaMu', reason: `more than the zone's area (${zone.areaMu} mu)` }],
        );
      if (same(zone.coverage[input.period], data)) return undefined;
      return { contract: ZoneCoverageReportedV1, data };
    },
  };
}
