// The receiver's verifier exactly as docs/webhooks.md prints it (taken from the page, so the two
// cannot drift apart) accepts what the service signs and refuses a replay outside the window.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { signWebhook } from '../../src/adapters/webhook-signature.js';

type Verify = (
  header: string | undefined,
  rawBody: string | Buffer,
  secret: string,
  nowMs?: number,
  toleranceS?: number,
) => boolean;
let verifyHighlandWebhook: Verify;

beforeAll(async () => {
  const root = join(import.meta.dirname, '..', '..', '..', '..');
  const page = readFileSync(join(root, 'docs', 'webhooks.md'), 'utf8');
  const block = [...page.matchAll(/```js\n([\s\S]*?)```/g)]
    .map((m) => m[1]!)
    .find((code) => code.includes('export function verifyHighlandWebhook'));
  if (!block) throw new Error('docs/webhooks.md has no verifyHighlandWebhook example');
  const dir = join(root, 'test-artifacts', 'docs');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'verify-highland-webhook.mjs');
  writeFileSync(file, block);
  ({ verifyHighlandWebhook } = (await import(/* @vite-ignore */ pathToFileURL(file).href)) as {
    verifyHighlandWebhook: Verify;
  });
});

describe('the documented webhook verification', () => {
  const secret = 'whsec_exporter_0123456789abcdef';
  const body = JSON.stringify({ type: 'tbt.alert', alertId: 'alert-1', title: '化妆品' });
  const sentAt = new Date('2026-12-04T10:00:00Z');
  const header = signWebhook(secret, body, sentAt);
  const at = (seconds: number) => sentAt.getTime() + seconds * 1000;

  it('accepts a delivery as the service signs it, as text or raw bytes, within the 300 s window', () => {
    expect(verifyHighlandWebhook(header, body, secret, at(0))).toBe(true);
    expect(verifyHighlandWebhook(header, Buffer.from(body, 'utf8'), secret, at(300))).toBe(true);
    expect(verifyHighlandWebhook(header, body, secret, at(-300))).toBe(true);
  });

  it('refuses a replay outside the window, either way', () => {
    expect(verifyHighlandWebhook(header, body, secret, at(301))).toBe(false);
    expect(verifyHighlandWebhook(header, body, secret, at(86_400))).toBe(false);
    expect(verifyHighlandWebhook(header, body, secret, at(-301))).toBe(false);
  });

  it('refuses a changed body, another secret, a moved timestamp and a missing header', () => {
    expect(verifyHighlandWebhook(header, `${body} `, secret, at(0))).toBe(false);
    expect(verifyHighlandWebhook(header, body, 'whsec_other_0123456789abcdef', at(0))).toBe(false);
    const t = Math.floor(sentAt.getTime() / 1000);
    expect(verifyHighlandWebhook(header.replace(`t=${t}`, `t=${t + 1}`), body, secret, at(0))).toBe(false);
    expect(verifyHighlandWebhook(undefined, body, secret, at(0))).toBe(false);
    expect(verifyHighlandWebhook('t=1,v1=zz', body, secret, at(0))).toBe(false);
  });

  it('accepts either signature during a secret rotation', () => {
    const both = `${signWebhook('whsec_new_0123456789abcdef', body, sentAt)},v1=${header.split('v1=')[1]}`;
    expect(verifyHighlandWebhook(both, body, secret, at(0))).toBe(true);
  });
});
