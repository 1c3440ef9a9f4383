import { randomFillSync } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import { assertToken, eventSubject } from './subjects.js';
import { envelopeChecker, type EnvelopeCheck } from './validation.js';

/** Who did it: every state change names a department and a user within it. */
export const Actor = z
  .object({
    department: z.string().regex(/^[a-z][a-z0-9-]{1,62}$/, 'a department slug, e.g. "agriculture"'),
    user: z.string().min(1).max(200),
  })
  .strict();
export type Actor = z.infer<typeof Actor>;

const envelopeFields = {
  /** UUIDv7; also the JetStream message id, so a re-sent event is stored once. */
  id: z.uuid({ version: 'v7' }),
  type: z.string(),
  version: z.number().int().positive(),
  source: z.string(),
  aggregate: z
    .object({
      type: z.string(),
      id: z.string(),
      /** The aggregate's own event count, 1 for its first event. */
      seq: z.number().int().positive(),
    })
    .strict(),
  occurredAt: z.iso.datetime({ offset: true }),
  actor: Actor,
  /** Why: free text from the caller, or the command's name when none was given. */
  reason: z.string().max(2000),
  correlationId: z.string().min(1),
  causationId: z.string().min(1).optional(),
};

export interface EventContract<TData extends z.ZodType = z.ZodType> {
  service: string;
  name: string;
  version: number;
  aggregateType: string;
  description: string;
  /** `<service>.<name>`: the event's type name in envelopes and headers. */
  type: string;
  data: TData;
  envelope: z.ZodObject;
  /** Validates an envelope: the same verdict as `envelope.safeParse`, much faster when valid. */
  check(value: unknown): EnvelopeCheck;
  subject(aggregateId: string): string;
}

export type EventData<C extends EventContract> = z.infer<C['data']>;

export interface EventEnvelope<TData = unknown> {
  id: string;
  type: string;
  version: number;
  source: string;
  aggregate: { type: string; id: string; seq: number };
  occurredAt: string;
  actor: Actor;
  reason: string;
  correlationId: string;
  causationId?: string;
  data: TData;
}

/** Declares one event type at one version. A breaking change is a new version, in a file of its own. */
export function defineEvent<TData extends z.ZodType>(def: {
  service: string;
  name: string;
  version: number;
  aggregateType: string;
  description: string;
  data: TData;
}): EventContract<TData> {
  assertToken('service', def.service);
  assertToken('event name', def.name);
  const type = `${def.service}.${def.name}`;
  const envelope = z
    .object({
      ...envelopeFields,
      type: z.literal(type),
      version: z.literal(def.version),
      source: z.literal(def.service),
      data: def.data,
    })
    .strict()
    .describe(def.description);
  return {
    ...def,
    type,
    envelope,
    check: envelopeChecker(envelope),
    subject: (aggregateId: string) => eventSubject(def.service, def.name, def.version, aggregateId),
  };
}

// uuid draws its 16 random bytes through crypto.getRandomValues on every call (~3 µs, a tenth of a
// publish); drawing them from a pool refilled in one call keeps the id as random and ~10× cheaper.
const randomPool = new Uint8Array(4096);
let poolNext = randomPool.length;

/** `n` (≤ 4096) random bytes drawn from a pooled buffer: a view, valid until the next call. */
export function pooledRandomBytes(n: number): Uint8Array {
  if (poolNext + n > randomPool.length) {
    randomFillSync(randomPool);
    poolNext = 0;
  }
  return randomPool.subarray(poolNext, (poolNext += n));
}

// Monotonic within a millisecond (RFC 9562, method 1), as uuid's own v7 does: a counter seeded
// from the random bytes, incremented for each further id in the same millisecond.
let lastMs = -1;
let seq = 0;

export function newEventId(): string {
  const random = pooledRandomBytes(16);
  const now = Date.now();
  if (now > lastMs) {
    seq = ((random[6]! & 0x7f) << 24) | (random[7]! << 16) | (random[8]! << 8) | random[9]!;
    lastMs = now;
  } else {
    seq = (seq + 1) | 0;
    if (seq === 0) lastMs++;
  }
  return uuidv7({ random, msecs: lastMs, seq });
}
