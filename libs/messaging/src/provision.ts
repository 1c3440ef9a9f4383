import { nanos } from '@nats-io/nats-core';
import {
  AckPolicy,
  type ConsumerConfig,
  DeliverPolicy,
  type JetStreamManager,
  ReplayPolicy,
  RetentionPolicy,
  StorageType,
  type StreamConfig,
} from '@nats-io/jetstream';
import type { StreamDefinition } from '@highland/contracts';

function isNotFound(err: unknown): boolean {
  const e = err as { name?: string; message?: string; code?: number; api_error?: { err_code?: number } };
  return (
    e?.name === 'StreamNotFoundError' ||
    e?.name === 'ConsumerNotFoundError' ||
    /not found/i.test(e?.message ?? '') ||
    e?.api_error?.err_code === 10059 ||
    e?.api_error?.err_code === 10014
  );
}

/** Creates the stream, or applies a changed definition to an existing one (idempotent). */
export async function ensureStream(
  jsm: JetStreamManager,
  def: StreamDefinition,
): Promise<'created' | 'updated' | 'unchanged'> {
  const wanted: Partial<StreamConfig> & { name: string } = {
    name: def.name,
    subjects: def.subjects,
    description: def.description,
    duplicate_window: nanos(def.duplicateWindowMs),
    storage: StorageType.File,
    retention: RetentionPolicy.Limits,
    allow_direct: true,
  };
  try {
    const info = await jsm.streams.info(def.name);
    const c = info.config;
    const same =
      JSON.stringify([...c.subjects].sort()) === JSON.stringify([...def.subjects].sort()) &&
      c.description === def.description &&
      c.duplicate_window === wanted.duplicate_window;
    if (same) return 'unchanged';
    await jsm.streams.update(def.name, { ...c, ...wanted });
    return 'updated';
  } catch (err) {
    if (!isNotFound(err)) throw err;
    await jsm.streams.add(wanted);
    return 'created';
  }
}

export interface DurableConsumerDefinition {
  stream: string;
  durable: string;
  filterSubjects: string[];
  description?: string;
  maxDeliver: number;
  ackWaitMs: number;
  maxAckPending?: number;
  /** One active client at a time across replicas (JetStream pinned-client priority group). */
  singleActive?: boolean;
}

export const SINGLE_ACTIVE_GROUP = 'single-active';

/** Creates the durable pull consumer, or updates its changeable settings (idempotent). */
export async function ensureConsumer(
  jsm: JetStreamManager,
  def: DurableConsumerDefinition,
): Promise<'created' | 'updated' | 'unchanged'> {
  const filters =
    def.filterSubjects.length === 1
      ? { filter_subject: def.filterSubjects[0] }
      : { filter_subjects: def.filterSubjects };
  const wanted: Partial<ConsumerConfig> = {
    durable_name: def.durable,
    description: def.description,
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    replay_policy: ReplayPolicy.Instant,
    max_deliver: def.maxDeliver,
    ack_wait: nanos(def.ackWaitMs),
    max_ack_pending: def.maxAckPending ?? 1000,
    ...filters,
    ...(def.singleActive
      ? {
          priority_policy: 'pinned_client' as const,
          priority_groups: [SINGLE_ACTIVE_GROUP],
          priority_timeout: nanos(30_000),
        }
      : {}),
  };
  try {
    const info = await jsm.consumers.info(def.stream, def.durable);
    const c = info.config;
    const same =
      c.max_deliver === wanted.max_deliver &&
      c.ack_wait === wanted.ack_wait &&
      c.max_ack_pending === wanted.max_ack_pending &&
      c.description === wanted.description &&
      JSON.stringify(c.filter_subjects ?? (c.filter_subject ? [c.filter_subject] : [])) ===
        JSON.stringify(def.filterSubjects);
    if (same) return 'unchanged';
    await jsm.consumers.update(def.stream, def.durable, {
      description: wanted.description,
      max_deliver: wanted.max_deliver,
      ack_wait: wanted.ack_wait,
      max_ack_pending: wanted.max_ack_pending,
      ...(def.filterSubjects.length === 1
        ? { filter_subject: def.filterSubjects[0], filter_subjects: undefined }
        : { filter_subjects: def.filterSubjects, filter_subject: undefined }),
    });
    return 'updated';
  } catch (err) {
    if (!isNotFound(err)) throw err;
    await jsm.consumers.add(def.stream, wanted);
    return 'created';
  }
}
