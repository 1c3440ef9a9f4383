import { type EventContract, type EventEnvelope, findContract, H } from '@highland/contracts';
import type { JsMsg } from '@nats-io/jetstream';
import type { MsgHdrs } from '@nats-io/nats-core';

export interface InboundMessage {
  subject: string;
  data: Uint8Array;
  /** Only read when the payload cannot say what it is (the reason of a dead letter). */
  headers?: MsgHdrs;
  streamSeq: number;
}

export type Decoded =
  | { ok: true; contract: EventContract; event: EventEnvelope }
  | { ok: false; reason: string; eventType?: string };

const utf8 = new TextDecoder();
const TRACEPARENT_LINE = Buffer.from(`\r\n${H.traceparent}:`);

/** What nats.js keeps of a received message before decoding anything (not part of its API). */
interface RawMsg {
  _msg?: { hdr?: unknown };
  _rdata?: unknown;
}

/**
 * Whether a message carries W3C trace context. Reading `m.headers` makes nats.js decode every
 * header (~2–5 µs); this looks for the header line in the raw header block instead, and falls
 * back to the decoded headers should the client's internals ever change (a test pins both).
 */
export function carriesTraceContext(m: JsMsg): boolean {
  const raw = (m as unknown as { msg?: RawMsg }).msg;
  const length = raw?._msg?.hdr;
  const data = raw?._rdata;
  if (typeof length !== 'number' || !(data instanceof Uint8Array))
    return m.headers?.has(H.traceparent) ?? false;
  if (length <= 0) return false;
  return Buffer.from(data.buffer, data.byteOffset, Math.min(length, data.byteLength)).includes(
    TRACEPARENT_LINE,
  );
}

/** A JetStream message as decodeEvent reads it; subject and headers stay bytes unless asked for. */
export function inboundOf(m: JsMsg): InboundMessage {
  // Subject and headers are decoded from bytes on first read: only a failure ever reads them.
  return {
    get subject() {
      return m.subject;
    },
    data: m.data,
    streamSeq: m.seq,
    get headers() {
      return m.headers;
    },
  };
}

/**
 * Parses and validates a message against its contract; a consumer never sees an invalid event.
 * The contract is found from the envelope's own `type` and `version`: nats.js decodes all headers
 * on first access (~2–5 µs a message), so the happy path never touches them.
 */
export function decodeEvent(msg: InboundMessage, accepted?: ReadonlyArray<EventContract>): Decoded {
  let body: unknown;
  try {
    body = JSON.parse(utf8.decode(msg.data));
  } catch (err) {
    return {
      ok: false,
      reason: `payload is not JSON: ${(err as Error).message}`,
      eventType: msg.headers?.get(H.eventType) || undefined,
    };
  }
  let { type, version } = (body ?? {}) as { type?: unknown; version?: unknown };
  if (typeof type !== 'string' || typeof version !== 'number') {
    // Not an envelope: take what the headers claim, so the reason names the broken contract.
    type = msg.headers?.get(H.eventType);
    version = Number(msg.headers?.get(H.eventVersion));
  }
  if (typeof type !== 'string' || !type || typeof version !== 'number' || !Number.isInteger(version))
    return {
      ok: false,
      reason: `not an event: no type/version in the payload or the ${H.eventType} headers`,
    };
  const contract = accepted
    ? accepted.find((c) => c.type === type && c.version === version)
    : findContract(type, version);
  if (!contract) return { ok: false, reason: `no contract ${type} v${version} here`, eventType: type };
  const checked = contract.check(body);
  if (!checked.success) {
    const issues = checked.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    return { ok: false, reason: `violates ${type} v${version}: ${issues}`, eventType: type };
  }
  return { ok: true, contract, event: body as EventEnvelope };
}
