/**
 * Why a value was refused, in words the person who sent it can act on. `field` names the input
 * field when the check spans several (the API turns it into problem+json); `position` is a 0-based
 * index into the normalised text for parsers. Shared by every service's domain code, which stays
 * free of framework imports.
 */
export interface DomainError {
  reason: string;
  field?: string;
  position?: number;
}

export type Failure = { ok: false; error: DomainError };

export function failure(reason: string, extra: Omit<DomainError, 'reason'> = {}): Failure {
  return { ok: false, error: { reason, ...extra } };
}
