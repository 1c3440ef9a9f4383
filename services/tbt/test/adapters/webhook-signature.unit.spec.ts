import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseSignatureHeader, signWebhook, verifyWebhook } from '../../src/adapters/webhook-signature.js';

const secret = 'whsec_test_0123456789';
const body = JSON.stringify({ alert: 'a-1', notification: 'G/TBT/N/EU/1050', reasons: [{ rule: 'hs' }] });
const now = new Date('2025-06-10T08:00:00Z');
const unix = now.getTime() / 1000;

describe('webhook signatures', () => {
  it('signs t=<unix>,v1=<HMAC-SHA256 of "<t>.<body>">', () => {
    const header = signWebhook(secret, body, now);
    const expected = createHmac('sha256', secret).update(`${unix}.${body}`).digest('hex');
    expect(header).toBe(`t=${unix},v1=${expected}`);
  });

  it('verifies what it signed, as text or bytes', () => {
    const header = signWebhook(secret, body, now);
    expect(verifyWebhook(header, body, secret, { now })).toEqual({ ok: true, timestamp: unix });
    expect(verifyWebhook(header, new TextEncoder().encode(body), secret, { now }).ok).toBe(true);
  });

  it('fails a tampered body, a wrong secret, a tampered signature', () => {
    const header = signWebhook(secret, body, now);
    const mismatch = {
      ok: false,
      error: { reason: 'Highland-Signature does not match the body', field: 'Highland-Signature' },
    };
    expect(verifyWebhook(header, body.replace('a-1', 'a-2'), secret, { now })).toEqual(mismatch);
    expect(verifyWebhook(header, body, 'another secret', { now })).toEqual(mismatch);
    const flipped = header.replace(/v1=(.)/, (_, c: string) => `v1=${c === '0' ? '1' : '0'}`);
    expect(verifyWebhook(flipped, body, secret, { now })).toEqual(mismatch);
    // A signature made for another timestamp does not verify under this one.
    const moved = header.replace(`t=${unix}`, `t=${unix + 1}`);
    expect(verifyWebhook(moved, body, secret, { now })).toEqual(mismatch);
  });

  it('fails old (and far future) timestamps, with a tolerance of 5 minutes by default', () => {
    const header = signWebhook(secret, body, now);
    const at = (seconds: number) => new Date(now.getTime() + seconds * 1000);
    expect(verifyWebhook(header, body, secret, { now: at(300) }).ok).toBe(true);
    expect(verifyWebhook(header, body, secret, { now: at(301) })).toMatchObject({
      ok: false,
      error: { reason: `Highland-Signature timestamp ${unix} is 301 s from now (tolerance 300 s)` },
    });
    expect(verifyWebhook(header, body, secret, { now: at(-301) }).ok).toBe(false);
    expect(verifyWebhook(header, body, secret, { now: at(3600), toleranceSeconds: 7200 }).ok).toBe(true);
  });

  it('accepts any of several secrets or signatures (rotation)', () => {
    const oldHeader = signWebhook('old secret', body, now);
    expect(verifyWebhook(oldHeader, body, ['new secret', 'old secret'], { now }).ok).toBe(true);
    const both = `${signWebhook('new secret', body, now)},v1=${oldHeader.split('v1=')[1]}`;
    expect(verifyWebhook(both, body, 'old secret', { now }).ok).toBe(true);
  });

  it('explains malformed headers', () => {
    expect(verifyWebhook(undefined, body, secret, { now })).toMatchObject({
      error: { reason: 'Highland-Signature header is missing' },
    });
    expect(parseSignatureHeader('v1=abc')).toMatchObject({
      error: { reason: 'Highland-Signature: v1 must be 64 hex digits' },
    });
    expect(parseSignatureHeader(`v1=${'a'.repeat(64)}`)).toMatchObject({
      error: { reason: 'Highland-Signature has no t= timestamp' },
    });
    expect(parseSignatureHeader('t=12')).toMatchObject({
      error: { reason: 'Highland-Signature has no v1= signature' },
    });
    expect(parseSignatureHeader('t=soon,v1=x')).toMatchObject({
      error: { reason: "Highland-Signature: t must be unix seconds, not 'soon'" },
    });
    expect(parseSignatureHeader('garbage')).toMatchObject({
      error: { reason: "Highland-Signature: 'garbage' is not key=value" },
    });
    expect(parseSignatureHeader(`t=1,v0=zz,v1=${'A'.repeat(64)}`)).toEqual({
      ok: true,
      value: { timestamp: 1, signatures: ['a'.repeat(64)] },
    });
    expect(() => signWebhook('', body, now)).toThrow('a webhook secret must not be empty');
  });
});
