/**
 * Why a value was refused, in words the TBT centre or an exporter can act on. `field` names the
 * input field (the API turns it into problem+json); `position` is a 0-based index into the
 * normalised text for parsers.
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
