import { createHmac, timingSafeEqual } from 'node:crypto';
import { failure, type Failure } from '../domain/domain-error.js';

/**
 * Webhook signatures. Each delivery carries
 *
 *     Highland-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256>
 *
 * where the HMAC is computed with the exporter's secret over `<t>.<raw body>` (the body bytes
 * exactly as sent). A receiver recomputes it, compares in constant time, and refuses timestamps
 * more than 5 minutes from its clock (replays). During a secret rotation the header may carry
 * several `v1=` values; one matching is enough. Receivers' procedure: docs/webhooks.md.
 */
export const SIGNATURE_HEADER = 'Highland-Signature';
export const DEFAULT_TOLERANCE_SECONDS = 300;

export type WebhookBody = string | Uint8Array;

function bodyBytes(body: WebhookBody): Buffer {
  return typeof body === 'string'
    ? Buffer.from(body, 'utf8')
    : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
}

/** Hex HMAC-SHA256 of `<timestamp>.<body>`. */
export function computeSignature(secret: string, timestamp: number, body: WebhookBody): string {
  return createHmac('sha256', secret).update(`${timestamp}.`).update(bodyBytes(body)).digest('hex');
}

/** The header value for a delivery made at `now`. */
export function signWebhook(secret: string, body: WebhookBody, now: Date = new Date()): string {
  if (secret === '') throw new Error('a webhook secret must not be empty');
  const timestamp = Math.floor(now.getTime() / 1000);
  return `t=${timestamp},v1=${computeSignature(secret, timestamp, body)}`;
}

export interface ParsedSignature {
  timestamp: number;
  signatures: string[];
}

/** Reads `t=…,v1=…[,v1=…]`; unknown schemes (`v0=`, future `v2=`) are ignored. */
export function parseSignatureHeader(header: string): { ok: true; value: ParsedSignature } | Failure {
  let timestamp: number | undefined;
  const signatures: string[] = [];
  for (const part of header.split(',')) {
    const eq = part.indexOf('=');
    if (eq < 0)
      return failure(`${SIGNATURE_HEADER}: '${part.trim()}' is not key=value`, { field: SIGNATURE_HEADER });
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (key === 't') {
      if (!/^\d{1,12}$/.test(value)) {
        return failure(`${SIGNATURE_HEADER}: t must be unix seconds, not '${value}'`, {
          field: SIGNATURE_HEADER,
        });
      }
      timestamp = Number(value);
    } else if (key === 'v1') {
      if (!/^[0-9a-f]{64}$/i.test(value)) {
        return failure(`${SIGNATURE_HEADER}: v1 must be 64 hex digits`, { field: SIGNATURE_HEADER });
      }
      signatures.push(value.toLowerCase());
    }
  }
  if (timestamp === undefined)
    return failure(`${SIGNATURE_HEADER} has no t= timestamp`, { field: SIGNATURE_HEADER });
  if (signatures.length === 0)
    return failure(`${SIGNATURE_HEADER} has no v1= signature`, { field: SIGNATURE_HEADER });
  return { ok: true, value: { timestamp, signatures } };
}

export interface VerifyOptions {
  now?: Date;
  /** How far the timestamp may be from `now`, either way (default 300 s). */
  toleranceSeconds?: number;
}

/**
 * Checks a delivery: the header is well formed, its timestamp within the tolerance, and one of
 * its signatures is the HMAC of `<t>.<body>` under one of `secrets` (several during a rotation).
 * Signatures are compared with `timingSafeEqual`.
 */
export function verifyWebhook(
  header: string | undefined,
  body: WebhookBody,
  secrets: string | readonly string[],
  options: VerifyOptions = {},
): { ok: true; timestamp: number } | Failure {
  if (header === undefined || header.trim() === '') {
    return failure(`${SIGNATURE_HEADER} header is missing`, { field: SIGNATURE_HEADER });
  }
  const parsed = parseSignatureHeader(header);
  if (!parsed.ok) return parsed;
  const { timestamp, signatures } = parsed.value;
  const now = Math.floor((options.now ?? new Date()).getTime() / 1000);
  const tolerance = options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  if (Math.abs(now - timestamp) > tolerance) {
    return failure(
      `${SIGNATURE_HEADER} timestamp ${timestamp} is ${Math.abs(now - timestamp)} s from now (tolerance ${tolerance} s)`,
      { field: SIGNATURE_HEADER },
    );
  }
  const keys = (typeof secrets === 'string' ? [secrets] : secrets).filter((s) => s !== '');
  const given = signatures.map((s) => Buffer.from(s, 'hex'));
  for (const secret of keys) {
    const expected = Buffer.from(computeSignature(secret, timestamp, body), 'hex');
    if (given.some((g) => g.length === expected.length && timingSafeEqual(g, expected)))
      return { ok: true, timestamp };
  }
  return failure(`${SIGNATURE_HEADER} does not match the body`, { field: SIGNATURE_HEADER });
}
