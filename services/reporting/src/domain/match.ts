/** Does a fact satisfy an indicator's filters? */
import type { AttributeValue, Fact } from './facts.js';
import type { Where } from './plan.js';

const WITHDRAWN = 95;

/**
 * Has the work reached `required` (ISO harmonized stage codes, compared numerically)? Withdrawn
 * work (stage 95) no longer counts, unless withdrawal itself is what is asked for.
 */
export function stageAtLeast(stage: string | undefined, required: string): boolean {
  if (stage === undefined) return false;
  const reached = Number.parseFloat(stage);
  const wanted = Number.parseFloat(required);
  if (Number.isNaN(reached) || Number.isNaN(wanted)) return false;
  if (reached >= WITHDRAWN && wanted < WITHDRAWN) return false;
  return reached >= wanted;
}

function oneOf(value: AttributeValue | undefined, allowed: readonly string[] | undefined): boolean {
  return allowed === undefined || (typeof value === 'string' && allowed.includes(value));
}

/** A boolean filter: a missing attribute counts as false. */
function flag(value: AttributeValue | undefined, wanted: boolean | undefined): boolean {
  return wanted === undefined || (value === true) === wanted;
}

export function matchesWhere(fact: Fact, where: Where | undefined): boolean {
  if (!where) return true;
  const a = fact.attributes;
  return (
    oneOf(a.level, where.level) &&
    oneOf(a.workKind, where.workKind) &&
    oneOf(a.sector, where.sector) &&
    oneOf(a.authority, where.certificationAuthority) &&
    oneOf(a.zoneKind, where.zoneKind) &&
    oneOf(a.zoneLevel, where.zoneLevel) &&
    oneOf(a.memberKind, where.memberKind) &&
    oneOf(a.committeeLevel, where.committeeLevel) &&
    (where.stageReached === undefined || stageAtLeast(a.stage, where.stageReached)) &&
    // A missing inDistrict flag means "not known to involve the district".
    (where.inDistrict === undefined || (a.inDistrict === true) === where.inDistrict) &&
    oneOf(a.member, where.member) &&
    flag(a.delivered, where.delivered) &&
    flag(a.acknowledged, where.acknowledged) &&
    flag(a.tradeConcernCandidate, where.tradeConcernCandidate)
  );
}
