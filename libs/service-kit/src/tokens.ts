/** Injection tokens of the kit: explicit, so DI never depends on emitted decorator metadata. */
export const CONFIG = Symbol('highland.config');
export const NATS = Symbol('highland.nats');
export const TOPOLOGY = Symbol('highland.topology');
export const PUBLISHER = Symbol('highland.publisher');
export const MESSAGING_METRICS = Symbol('highland.messaging-metrics');
export const MONGO = Symbol('highland.mongo');
export const API_KEYS = Symbol('highland.api-keys');
export const IDEMPOTENCY = Symbol('highland.idempotency');
export const SERVICE_NAME = Symbol('highland.service-name');
export const HEALTH_CHECKS = Symbol('highland.health-checks');
export const REQUEST_LIMITER = Symbol('highland.request-limiter');
