import {
  GeoPoint,
  Rejection,
  ZONE_KINDS,
  ZONE_LEVELS,
  ZoneOrganisation,
  ZoneProposedV1,
} from '@highland/contracts';
import { z } from 'zod';
import { hectaresFromMu } from '../domain/area.js';
import type { Authority } from '../domain/authority.js';
import { zoneId } from '../domain/ids.js';
import { type ZoneCommand, same } from './command.js';
import { Department, Name, PastDate, Reason } from './fields.js';

/** What a zone is: shared by a proposal and by the import of a zone that already exists. */
export const ZoneProfileInput = z.object({
  name: Name,
  kind: z.enum(ZONE_KINDS),
  levelSought: z.enum(ZONE_LEVELS),
  productLine: z.string().trim().min(1).max(200),
  town: z.string().trim().min(1).max(100),
  location: GeoPoint,
  /**
   * From 0.01 mu (its hectares still round to more than zero) up to 1,000,000 mu (about 667 km²):
   * more is a typing error, not a zone.
   */
  areaMu: z.number().min(0.01).max(1_000_000),
  undertaking: ZoneOrganisation,
  partners: z.array(ZoneOrganisation).max(50).default([]),
  /** The department in charge; a department's own key may leave it out (it is then in charge). */
  department: Department.optional(),
  project: z.number().int().min(1).max(5),
});

export const ProposeZoneInput = ZoneProfileInput.extend({ proposedOn: PastDate, reason: Reason }).strict();
export type ProposeZoneBody = z.infer<typeof ProposeZoneInput>;
export type ZoneProfileBody = z.infer<typeof ZoneProfileInput>;

/**
 * The department in charge of a new zone: a department proposes only for itself; the office names
 * the department it gives the zone to.
 */
export function departmentInCharge(input: { department?: string | undefined }, who: Authority): string {
  if (who.office) {
    if (!input.department)
      throw Rejection.invalid('the office names the department in charge', [
        { field: 'body.department', reason: 'required when the office records a zone' },
      ]);
    return input.department;
  }
  if (input.department && input.department !== who.department)
    throw Rejection.forbidden(
      `department "${who.department}" cannot put a zone in the charge of "${input.department}"`,
      [{ field: 'body.department', reason: `only "${who.department}" (your own) or the office` }],
    );
  return who.department;
}

/** The profile as the events carry it: hectares derived from mu, the department settled. */
export function profileOf(input: ZoneProfileBody, department: string) {
  return {
    name: input.name,
    kind: input.kind,
    levelSought: input.levelSought,
    productLine: input.productLine,
    town: input.town,
    location: input.location,
    areaMu: input.areaMu,
    areaHectares: hectaresFromMu(input.areaMu),
    undertaking: input.undertaking,
    partners: input.partners,
    department,
    project: input.project,
  };
}

export function proposeZone(input: ProposeZoneBody, who: Authority): ZoneCommand {
  const department = departmentInCharge(input, who);
  const data = { ...profileOf(input, department), proposedOn: input.proposedOn };
  return {
    aggregateId: zoneId(input.name),
    name: 'propose zone',
    reason: input.reason,
    decide: (current) => {
      if (current) {
        const s = current.state;
        const recorded = { ...profileOf(s, s.department), proposedOn: s.proposedOn };
        if (current.state.proposedOn !== undefined && same(recorded, data)) return undefined;
        throw Rejection.conflict(`zone "${input.name}" is already recorded (${current.state.state})`, [
          { field: 'body.name', reason: 'a zone of this name exists' },
        ]);
      }
      return { contract: ZoneProposedV1, data };
    },
  };
}
