import { z } from 'zod';
import { IsoDate } from '../../common.js';

/** Field shapes shared by the zones events (not events themselves). */

/**
 * What is being demonstrated: an agricultural standardization demonstration zone, a
 * service-standardization pilot, a "leading enterprise + base + farmers + standardization" model,
 * a rural-market standardization pilot.
 */
export const ZONE_KINDS = [
  'agricultural',
  'service-pilot',
  'enterprise-base-farmers',
  'rural-market',
] as const;
export const ZoneKind = z.enum(ZONE_KINDS);
/** The level of the approving authority. */
export const ZONE_LEVELS = ['national', 'municipal'] as const;
export const ZoneLevel = z.enum(ZONE_LEVELS);
export const ORGANISATION_KINDS = ['leading-enterprise', 'cooperative', 'park', 'township', 'other'] as const;

export const ZoneOrganisation = z
  .object({ name: z.string().min(1).max(300), kind: z.enum(ORGANISATION_KINDS) })
  .strict();

/** A point (WGS 84), where the zone is shown on a map. */
export const GeoPoint = z
  .object({ lat: z.number().min(-90).max(90), lon: z.number().min(-180).max(180) })
  .strict();

/** The zone as proposed (or as found, for a zone recorded at import). */
export const ZoneProfile = z
  .object({
    name: z.string().min(1).max(300),
    kind: ZoneKind,
    levelSought: ZoneLevel,
    productLine: z.string().min(1).max(200).describe('product or service line, e.g. "loquat", "logistics"'),
    town: z.string().min(1).max(100),
    location: GeoPoint,
    areaMu: z.number().positive().describe('area in mu (亩)'),
    areaHectares: z.number().positive().describe('area in hectares, areaMu / 15'),
    undertaking: ZoneOrganisation,
    partners: z.array(ZoneOrganisation),
    department: z.string().describe('department in charge (slug); only it and the office change the zone'),
    project: z.number().int().min(1).max(5).describe("which of the plan's five major projects it serves"),
  })
  .strict();

export const ZoneApproval = z
  .object({
    level: ZoneLevel.describe('level granted'),
    batch: z.string().min(1).max(100).describe('e.g. "the 9th national batch"'),
    approvalDocument: z.string().min(1).max(200).describe('number of the approval document'),
    approvedOn: IsoDate,
    constructionFrom: IsoDate,
    constructionTo: IsoDate,
  })
  .strict();

/** A zone's lifecycle states (the zones service's `domain/lifecycle.ts` says which moves are valid). */
export const ZONE_STATES = [
  'proposed',
  'applied',
  'approved',
  'under-construction',
  'midterm-reviewed',
  'inspected',
  'rectification-required',
  'passed',
  'failed',
  'revoked',
  'expired',
] as const;
export type ZoneLifecycleState = (typeof ZONE_STATES)[number];

/**
 * The state each zones event moves a zone to (absent: the event changes no state): part of what
 * the events mean, so every consumer reads a zone's state the same way.
 */
export const ZONE_STATE_AFTER: Readonly<Record<string, ZoneLifecycleState>> = {
  'zones.zone-proposed': 'proposed',
  'zones.zone-applied': 'applied',
  'zones.zone-approved': 'approved',
  'zones.zone-construction-started': 'under-construction',
  'zones.zone-midterm-reviewed': 'midterm-reviewed',
  'zones.zone-inspection-scored': 'inspected',
  'zones.zone-passed': 'passed',
  'zones.zone-rectification-required': 'rectification-required',
  'zones.zone-failed': 'failed',
  'zones.zone-revoked': 'revoked',
  'zones.zone-expired': 'expired',
};
