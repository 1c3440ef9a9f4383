import { Rejection } from '@highland/contracts';

/** Who asks: the caller's department, and whether its key speaks for the office (every zone). */
export interface Authority {
  department: string;
  office: boolean;
}

/**
 * A department changes only the zones it is in charge of; the office changes every zone. Refused
 * as forbidden, naming the department in charge, so the caller knows whom to ask.
 */
export function assertInCharge(who: Authority, zone: { department: string; name: string }): void {
  if (who.office || who.department === zone.department) return;
  throw Rejection.forbidden(
    `zone "${zone.name}" is in the charge of department "${zone.department}", not "${who.department}"`,
    [{ field: 'path.id', reason: `only department "${zone.department}" or the office may change it` }],
    { departmentInCharge: zone.department },
  );
}
