// The receiver's procedure documented in docs/webhooks.md, written independently of the service's
// own verifier, accepts what the service signs and refuses a replay outside the window.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signWebhook } from '../../src/adapters/webhook-signature.js';

function verifyHighlandWebhook(
  header: string,
  rawBody: string,
  secret: string,
  nowMs: number,
  toleranceS = 300,
) {
  const pairs = header.split(',').map((p) => p.trim().split('=') as [string, string]);
  const t = Number(pairs.find(([k]) => k === 't')?.[1]);
  if (!Number.isInteger(t) || Math.abs(nowMs / 1000 - t) > toleranceS) return false;
  const expected = createHmac('sha256', secret).update(`${t}.`).update(rawBody).digest();
  return pairs
    .filter(([k]) => k === 'v1')
    .some(([, hex]) => {
      const given = Buffer.from(hex, 'hex');
      return given.length === expected.length && timingSafeEqual(given, expected);
    });
}

describe('the documented webhook verification', () => {
  const secret = 'whsec_exporter_0123456789abcdef';
  const body = JSON.stringify({ alertId: 'alert-1', title: '化妆品' });
  const sentAt = new Date('2026-12-04T10:00:00Z');
  const header = signWebhook(secret, body, sentAt);

  it('accepts a delivery as sent, within the window', () => {
    expect(verifyHighlandWebhook(header, body, secret, sentAt.getTime() + 60_000)).toBe(true);
  });

  it('refuses a replay after the window, a changed body and another secret', () => {
    expect(verifyHighlandWebhook(header, body, secret, sentAt.getTime() + 301_000)).toBe(false);
    expect(verifyHighlandWebhook(header, `${body} `, secret, sentAt.getTime())).toBe(false);
    expect(verifyHighlandWebhook(header, body, 'whsec_other', sentAt.getTime())).toBe(false);
  });
});
