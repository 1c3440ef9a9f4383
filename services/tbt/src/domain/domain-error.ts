// The shared shape of a refused value (libs/contracts), re-exported for this service's domain.
export { type DomainError, type Failure, failure } from '@highland/contracts';
