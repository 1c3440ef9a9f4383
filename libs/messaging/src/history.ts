import { DeliverPolicy } from '@nats-io/jetstream';
import type { EventEnvelope } from '@highland/contracts';
import type { NatsHandle } from './connection.js';
import { decodeEvent, inboundOf } from './inbound.js';
import type { Topology } from './topology.js';

export interface HistoryItem {
  streamSeq: number;
  event: EventEnvelope;
}

/** Every event of one aggregate, oldest first, straight from the log of record. */
export async function readAggregateHistory(
  nats: NatsHandle,
  topology: Topology,
  service: string,
  aggregateId: string,
): Promise<HistoryItem[]> {
  const consumer = await nats.js.consumers.get(topology.eventStream(service).name, {
    filter_subjects: [topology.aggregateFilter(service, aggregateId)],
    deliver_policy: DeliverPolicy.All,
  });
  const info = await consumer.info(true);
  let remaining = info.num_pending;
  const out: HistoryItem[] = [];
  if (remaining === 0) return out;
  const messages = await consumer.fetch({ max_messages: remaining, expires: 5_000 });
  for await (const m of messages) {
    const decoded = decodeEvent(inboundOf(m));
    if (decoded.ok) out.push({ streamSeq: m.seq, event: decoded.event });
    if (--remaining === 0) break;
  }
  return out;
}
