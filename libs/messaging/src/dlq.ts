import { H } from '@highland/contracts';
import type { JetStreamClient, JetStreamManager } from '@nats-io/jetstream';
import { headers as natsHeaders, type MsgHdrs } from '@nats-io/nats-core';
import type { InboundMessage } from './inbound.js';
import type { Topology } from './topology.js';

export interface DeadLetter {
  /** Sequence in the DLQ stream. */
  seq: number;
  subject: string;
  consumer: string;
  reason: string;
  originalStream: string;
  originalSeq: number;
  originalSubject: string;
  deliveries: number;
  eventType?: string;
  time: string;
  headers: Record<string, string>;
  data: Uint8Array;
}

/** Sends a message to the dead-letter stream with the reason and the original headers. */
export async function sendToDeadLetter(
  js: JetStreamClient,
  topology: Topology,
  args: {
    service: string;
    consumer: string;
    stream: string;
    msg: InboundMessage;
    reason: string;
    deliveries: number;
  },
): Promise<void> {
  const h = natsHeaders();
  for (const [k, v] of headerEntries(args.msg.headers)) if (k !== H.msgId) h.set(k, v);
  // Header values cannot hold line breaks; a multi-line error must still reach the dead letters.
  h.set(H.dlqReason, args.reason.replace(/[\r\n]+/g, ' ').slice(0, 4000));
  h.set(H.dlqConsumer, args.consumer);
  h.set(H.dlqStream, args.stream);
  h.set(H.dlqStreamSeq, String(args.msg.streamSeq));
  h.set(H.dlqSubject, args.msg.subject);
  h.set(H.dlqDeliveries, String(args.deliveries));
  // One dead letter per original message and consumer, however often this runs.
  await js.publish(topology.dlqSubject(args.service, args.consumer), args.msg.data, {
    headers: h,
    msgID: `${args.stream}:${args.msg.streamSeq}:${args.consumer}`,
  });
}

export function headerEntries(h: MsgHdrs | undefined): Array<[string, string]> {
  if (!h) return [];
  return h.keys().map((k) => [k, h.get(k)] as [string, string]);
}

/** Dead letters of a consumer (or of all consumers of a service when consumer is '*'). */
export async function listDeadLetters(
  jsm: JetStreamManager,
  topology: Topology,
  service: string,
  consumer = '*',
  limit = 1000,
): Promise<DeadLetter[]> {
  const stream = topology.dlqStream().name;
  const filter =
    consumer === '*' ? topology.dlqSubject(service, '*') : topology.dlqSubject(service, consumer);
  const js = jsm.jetstream();
  let oc;
  try {
    oc = await js.consumers.get(stream, { filter_subjects: [filter] });
  } catch {
    return [];
  }
  const out: DeadLetter[] = [];
  const info = await oc.info(true);
  let remaining = Math.min(info.num_pending, limit);
  while (remaining > 0) {
    const m = await oc.next({ expires: 2_000 });
    if (!m) break;
    out.push(toDeadLetter(m.seq, m.subject, m.headers, m.data, m.info.timestampNanos));
    remaining--;
  }
  return out;
}

export async function getDeadLetter(
  jsm: JetStreamManager,
  topology: Topology,
  seq: number,
): Promise<DeadLetter | undefined> {
  try {
    const m = await jsm.streams.getMessage(topology.dlqStream().name, { seq });
    if (!m) return undefined;
    return toDeadLetter(m.seq, m.subject, m.header, m.data, BigInt(new Date(m.time).getTime()) * 1_000_000n);
  } catch {
    return undefined;
  }
}

export async function deleteDeadLetter(
  jsm: JetStreamManager,
  topology: Topology,
  seq: number,
): Promise<void> {
  await jsm.streams.deleteMessage(topology.dlqStream().name, seq, false);
}

function toDeadLetter(
  seq: number,
  subject: string,
  headers: MsgHdrs | undefined,
  data: Uint8Array,
  timestampNanos: bigint | number,
): DeadLetter {
  const h = Object.fromEntries(headerEntries(headers));
  return {
    seq,
    subject,
    consumer: h[H.dlqConsumer] ?? '',
    reason: h[H.dlqReason] ?? '',
    originalStream: h[H.dlqStream] ?? '',
    originalSeq: Number(h[H.dlqStreamSeq] ?? 0),
    originalSubject: h[H.dlqSubject] ?? '',
    deliveries: Number(h[H.dlqDeliveries] ?? 0),
    eventType: h[H.eventType],
    time: new Date(Number(BigInt(timestampNanos) / 1_000_000n)).toISOString(),
    headers: h,
    data,
  };
}
