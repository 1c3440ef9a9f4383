import {
  type Actor,
  type EventContract,
  type EventData,
  type EventEnvelope,
  H,
  newEventId,
} from '@highland/contracts';
import type { JetStreamClient } from '@nats-io/jetstream';
import type { MsgHdrs } from '@nats-io/nats-core';
import { ConcurrencyConflict, ContractViolation } from './errors.js';
import type { MessagingMetrics } from './metrics.js';
import { OutgoingHeaders } from './outgoing-headers.js';
import { pubAckInboxOf } from './pub-acks.js';
import type { Topology } from './topology.js';
import { trace } from '@opentelemetry/api';
import { injectTrace, withProducerSpan } from './tracing.js';

export interface PublishInput<C extends EventContract> {
  aggregateId: string;
  /** The aggregate's event count after this event (1 for its first). */
  aggregateSeq: number;
  data: EventData<C>;
  actor: Actor;
  reason: string;
  correlationId: string;
  causationId?: string;
  /** Event id; a retry of the same logical event must reuse it so JetStream stores it once. */
  id?: string;
  occurredAt?: string;
  /**
   * Optimistic concurrency: the stream sequence of the aggregate's last event as the caller saw it
   * (0 for a new aggregate). JetStream refuses the publish if any event reached the aggregate since.
   */
  expectedLastSeq?: number;
}

export interface Published<C extends EventContract> {
  event: EventEnvelope<EventData<C>>;
  /** Stream sequence. */
  seq: number;
  /** True when JetStream had already stored this event id (a retry). */
  duplicate: boolean;
}

let isoMs = 0;
let isoText = '';

/** The current time as ISO 8601; formatting a Date costs ~0.5 µs, so once per millisecond. */
function nowIso(): string {
  const ms = Date.now();
  if (ms !== isoMs) {
    isoMs = ms;
    isoText = new Date(ms).toISOString();
  }
  return isoText;
}

/** The header contract of an event message (see `H` in the contracts): routing without parsing. */
export function eventHeaders(contract: EventContract, event: EventEnvelope): MsgHdrs {
  const h = new OutgoingHeaders();
  h.set(H.eventType, contract.type);
  h.set(H.eventVersion, String(contract.version));
  h.set(H.aggregateId, event.aggregate.id);
  h.set(H.aggregateSeq, String(event.aggregate.seq));
  h.set(H.correlationId, event.correlationId);
  if (event.causationId) h.set(H.causationId, event.causationId);
  return h;
}

/** Builds the envelope, validates it against its contract, and publishes with de-duplication. */
export class EventPublisher {
  constructor(
    private readonly js: JetStreamClient,
    private readonly topology: Topology,
    private readonly service: string,
    private readonly metrics?: MessagingMetrics,
    private readonly maxAttempts = 10,
  ) {}

  envelope<C extends EventContract>(contract: C, input: PublishInput<C>): EventEnvelope<EventData<C>> {
    if (contract.service !== this.service) {
      throw new Error(
        `${this.service} cannot publish ${contract.type}: only ${contract.service} publishes it`,
      );
    }
    const event: EventEnvelope<EventData<C>> = {
      id: input.id ?? newEventId(),
      type: contract.type,
      version: contract.version,
      source: contract.service,
      aggregate: { type: contract.aggregateType, id: input.aggregateId, seq: input.aggregateSeq },
      occurredAt: input.occurredAt ?? nowIso(),
      actor: input.actor,
      reason: input.reason,
      correlationId: input.correlationId,
      ...(input.causationId ? { causationId: input.causationId } : {}),
      data: input.data,
    };
    const checked = contract.check(event);
    if (!checked.success) {
      this.metrics?.publishFailed.inc({ event_type: contract.type, reason: 'contract' });
      throw new ContractViolation(
        contract.type,
        checked.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
      );
    }
    return event;
  }

  async publish<C extends EventContract>(contract: C, input: PublishInput<C>): Promise<Published<C>> {
    return this.send(contract, this.envelope(contract, input), input.expectedLastSeq);
  }

  /** Sends an already-validated envelope (used by retries that must keep the same event id). */
  send<C extends EventContract>(
    contract: C,
    event: EventEnvelope<EventData<C>>,
    expectedLastSeq?: number,
  ): Promise<Published<C>> {
    // A producer span only inside a traced request: batch work (imports, replays) stays span-free,
    // and the traced path still carries its context to every consumer.
    if (trace.getActiveSpan()?.isRecording()) {
      return withProducerSpan(this.topology.subject(contract, event.aggregate.id), contract.type, () =>
        this.transmit(contract, event, expectedLastSeq),
      );
    }
    return this.transmit(contract, event, expectedLastSeq);
  }

  private async transmit<C extends EventContract>(
    contract: C,
    event: EventEnvelope<EventData<C>>,
    expectedLastSeq: number | undefined,
  ): Promise<Published<C>> {
    const subject = this.topology.subject(contract, event.aggregate.id);
    const h = eventHeaders(contract, event);
    if (expectedLastSeq !== undefined) {
      h.set('Nats-Expected-Last-Subject-Sequence', String(expectedLastSeq));
      h.set(
        'Nats-Expected-Last-Subject-Sequence-Subject',
        this.topology.aggregateFilter(contract.service, event.aggregate.id),
      );
    }
    injectTrace(h);
    // Bytes, not a string: nats.js would encode it with TextEncoder, several times slower.
    const payload = Buffer.from(JSON.stringify(event));
    h.set(H.msgId, event.id);
    const inbox = pubAckInboxOf(this.js);
    for (let attempt = 1; ; attempt++) {
      try {
        const ack = inbox
          ? await inbox.publish(subject, payload, h, 5_000)
          : await this.js.publish(subject, payload, { headers: h, timeout: 5_000 });
        this.metrics?.published.inc(this.labels(contract.type));
        return { event, seq: ack.seq, duplicate: ack.duplicate };
      } catch (err) {
        if (/wrong last sequence/i.test((err as Error).message)) {
          this.metrics?.publishFailed.inc({ event_type: contract.type, reason: 'conflict' });
          throw new ConcurrencyConflict(event.aggregate.id, expectedLastSeq ?? 0);
        }
        // Lost connection, timeout, no responders while the server restarts: send the same
        // message id again — JetStream keeps one copy, so a retry can never double an event.
        if (attempt >= this.maxAttempts) {
          this.metrics?.publishFailed.inc({ event_type: contract.type, reason: 'server' });
          throw err;
        }
        await new Promise((r) => setTimeout(r, Math.min(2_000, 50 * 2 ** attempt)));
      }
    }
  }

  private readonly labelsByType = new Map<string, { event_type: string }>();

  /** One labels object per event type: prom-client hashes it on every increment. */
  private labels(eventType: string): { event_type: string } {
    let labels = this.labelsByType.get(eventType);
    if (!labels) this.labelsByType.set(eventType, (labels = { event_type: eventType }));
    return labels;
  }
}
