import { producingServices } from './catalog.js';

/**
 * A service that publishes events, and the tag naming its stream's sequence wherever one position
 * spans several streams (reporting's SSE event ids: `r12.p3.t4`).
 */
export interface EventProducer {
  readonly name: string;
  /** Matches POSITION_TAG, unique; never changed once positions naming it were handed out. */
  readonly positionTag: string;
}

/** One lower-case letter or two. */
export const POSITION_TAG = /^[a-z]{1,2}$/;

/** Each producing service's position tag: a new service declares its own here, with its first event. */
export const positionTags: Readonly<Record<string, string>> = {
  registry: 'r',
  reporting: 'p',
  tbt: 't',
  incentives: 'i',
  zones: 'z',
};

/** Every service that publishes events, in the catalogue's order (by name). */
export const eventProducers: readonly EventProducer[] = producingServices.map((name) => {
  const positionTag = positionTags[name];
  if (!positionTag) throw new Error(`producing service "${name}" declares no position tag (services.ts)`);
  return { name, positionTag };
});

/**
 * JetStream KV buckets a service writes besides the shared ones (idempotency, leases): its NATS user
 * may write these and no others (`libs/messaging/src/nats-auth.ts`). A new service declares its own.
 */
export const ownBuckets: Readonly<Record<string, readonly string[]>> = { reporting: ['highland_progress'] };

/** JetStream object stores a service writes (files it keeps): its NATS user may write these alone. */
export const ownObjectStores: Readonly<Record<string, readonly string[]>> = { zones: ['zones_evidence'] };
