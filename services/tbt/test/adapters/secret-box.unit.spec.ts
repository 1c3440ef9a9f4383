// Webhook secrets at rest: AES-256-GCM, bound to their owner, rotatable by key id.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateSecretKey, parseSecretKeys, SecretBox } from '../../src/adapters/secret-box.js';

const secret = 'whsec_paints_0123456789abcdef';
const k1 = { id: 'k2024', key: randomBytes(32) };
const k2 = { id: 'k2025', key: randomBytes(32) };

describe('SecretBox', () => {
  it('seals under the current key with a fresh IV; nothing of the secret shows', () => {
    const box = new SecretBox([k1]);
    const a = box.seal(secret, 'paints');
    const b = box.seal(secret, 'paints');
    expect(a).toMatchObject({ alg: 'A256GCM', kid: 'k2024' });
    expect(a.iv).not.toBe(b.iv);
    expect(a.ct).not.toBe(b.ct);
    const stored = JSON.stringify(a);
    expect(stored).not.toContain(secret);
    expect(stored).not.toContain(Buffer.from(secret).toString('base64'));
    expect(stored).not.toContain(Buffer.from(secret).toString('hex'));
    expect(box.open(a, 'paints')).toBe(secret);
  });

  it('refuses a sealed secret that was altered or moved to another owner', () => {
    const box = new SecretBox([k1]);
    const sealed = box.seal(secret, 'paints');
    expect(() => box.open(sealed, 'cocoa')).toThrow("secret of cocoa does not decrypt with key 'k2024'");
    const flipped = Buffer.from(sealed.ct, 'base64');
    flipped[0]! ^= 1;
    expect(() => box.open({ ...sealed, ct: flipped.toString('base64') }, 'paints')).toThrow(
      /does not decrypt/,
    );
    const shortTag = Buffer.from(sealed.tag, 'base64').subarray(0, 4).toString('base64');
    expect(() => box.open({ ...sealed, tag: shortTag }, 'paints')).toThrow();
  });

  it('rotates: a new key first seals new secrets, the old one still opens old secrets', () => {
    const before = new SecretBox([k1]).seal(secret, 'paints');
    const rotated = new SecretBox([k2, k1]);
    expect(rotated.open(before, 'paints')).toBe(secret);
    expect(rotated.isCurrent(before)).toBe(false);
    const after = rotated.seal(secret, 'paints');
    expect(after.kid).toBe('k2025');
    expect(rotated.isCurrent(after)).toBe(true);
    // Once the old key is removed, what it sealed no longer opens: re-encrypt first.
    expect(() => new SecretBox([k2]).open(before, 'paints')).toThrow(
      "secret key 'k2024' is not configured (TBT_SECRETS_KEY)",
    );
  });
});

describe('parseSecretKeys', () => {
  const a = generateSecretKey();
  const b = generateSecretKey();

  it('reads id:base64 entries, the first current, or one bare key', () => {
    expect(Buffer.from(a, 'base64')).toHaveLength(32);
    expect(parseSecretKeys(`k2025:${b}, k2024:${a}`)).toEqual([
      { id: 'k2025', key: Buffer.from(b, 'base64') },
      { id: 'k2024', key: Buffer.from(a, 'base64') },
    ]);
    expect(parseSecretKeys(a)).toEqual([{ id: 'default', key: Buffer.from(a, 'base64') }]);
  });

  it('refuses wrong lengths, bad ids and repeats without quoting the key', () => {
    const short = randomBytes(16).toString('base64');
    const refusal = (value: string) => {
      try {
        parseSecretKeys(value);
      } catch (err) {
        return (err as Error).message;
      }
      throw new Error('accepted');
    };
    expect(refusal(`k1:${short}`)).toBe('key k1: must be 32 bytes in base64 (openssl rand -base64 32)');
    expect(refusal(`k1:${a},${b}`)).toBe("entry 2: an id (letters, digits, . _ -) then ':' and the key");
    expect(refusal(`k1:${a},k1:${b}`)).toBe('key k1 is given twice');
    expect(refusal(`k 1:${a}`)).toMatch(/^entry 1/);
    expect(refusal('')).toBe('no key');
    for (const value of [`k1:${short}`, `k1:${a},${b}`, `k1:${a},k1:${b}`])
      expect(refusal(value)).not.toMatch(new RegExp(`${short}|${a}|${b}`.replace(/[+/]/g, '\\$&')));
  });
});
