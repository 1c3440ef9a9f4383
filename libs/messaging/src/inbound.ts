import { type EventContract, type EventEnvelope, findContract, H } from '@highland/contracts';
import type { MsgHdrs } from '@nats-io/nats-core';

export interface InboundMessage {
  subject: string;
  data: Uint8Array;
  headers?: MsgHdrs;
  streamSeq: number;
}

const utf8 = new TextDecoder();

export type Decoded =
  | { ok: true; contract: EventContract; event: EventEnvelope }
  | { ok: false; reason: string; eventType?: string };

/** Parses and validates a message against its contract; a consumer never sees an invalid event. */
export function decodeEvent(msg: InboundMessage, accepted?: ReadonlyArray<EventContract>): Decoded {
  const type = msg.headers?.get(H.eventType);
  const version = Number(msg.headers?.get(H.eventVersion));
  if (!type || !Number.isInteger(version))
    return { ok: false, reason: `missing ${H.eventType}/${H.eventVersion} headers` };
  const contract = accepted
    ? accepted.find((c) => c.type === type && c.version === version)
    : findContract(type, version);
  if (!contract) return { ok: false, reason: `no contract ${type} v${version} here`, eventType: type };
  let body: unknown;
  try {
    body = JSON.parse(utf8.decode(msg.data));
  } catch (err) {
    return { ok: false, reason: `payload is not JSON: ${(err as Error).message}`, eventType: type };
  }
  const parsed = contract.envelope.safeParse(body);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    return { ok: false, reason: `violates ${type} v${version}: ${issues}`, eventType: type };
  }
  return { ok: true, contract, event: parsed.data as unknown as EventEnvelope };
}
