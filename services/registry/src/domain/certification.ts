import { failure, type Failure } from './domain-error.js';

/** Standardization good-behaviour enterprise (标准化良好行为企业) levels, highest first. */
export const GOOD_BEHAVIOUR_LEVELS = ['AAA', 'AA', 'A'] as const;
export type GoodBehaviourLevel = (typeof GOOD_BEHAVIOUR_LEVELS)[number];

/**
 * Who certified it, lowest first. The plan's target counts certifications "at municipal level or
 * above", so nothing below municipal is recorded.
 */
export const AUTHORITY_LEVELS = ['municipal', 'provincial', 'national'] as const;
export type AuthorityLevel = (typeof AUTHORITY_LEVELS)[number];

export function parseGoodBehaviourLevel(value: string): { ok: true; level: GoodBehaviourLevel } | Failure {
  const level = value.normalize('NFKC').trim().toUpperCase();
  if ((GOOD_BEHAVIOUR_LEVELS as readonly string[]).includes(level)) {
    return { ok: true, level: level as GoodBehaviourLevel };
  }
  return failure(`level must be one of ${GOOD_BEHAVIOUR_LEVELS.join(', ')}, not '${value}'`, {
    field: 'level',
  });
}

export function parseAuthorityLevel(value: string): { ok: true; authority: AuthorityLevel } | Failure {
  const authority = value.trim().toLowerCase();
  if ((AUTHORITY_LEVELS as readonly string[]).includes(authority)) {
    return { ok: true, authority: authority as AuthorityLevel };
  }
  return failure(`authority must be one of ${AUTHORITY_LEVELS.join(', ')}, not '${value}'`, {
    field: 'authority',
  });
}

/** Orders levels for "AA or better" filters: positive when `a` is higher than `b`. */
export function compareGoodBehaviourLevels(a: GoodBehaviourLevel, b: GoodBehaviourLevel): number {
  return a.length - b.length;
}

/** Orders authorities: positive when `a` is higher than `b`. */
export function compareAuthorityLevels(a: AuthorityLevel, b: AuthorityLevel): number {
  return AUTHORITY_LEVELS.indexOf(a) - AUTHORITY_LEVELS.indexOf(b);
}
