import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * Secrets at rest (webhook secrets must stay readable to sign, so they are encrypted, not hashed):
 * AES-256-GCM from node:crypto, a fresh 96-bit IV per secret, and the owner's id as additional
 * authenticated data, so a sealed secret copied onto another exporter's document does not open.
 * Each sealed secret names its key id: new secrets use the current (first) key, older ones still
 * open with theirs while it is configured (rotation).
 */
export interface SecretKey {
  id: string;
  key: Buffer;
}

export interface SealedSecret {
  alg: 'A256GCM';
  kid: string;
  iv: string;
  ct: string;
  tag: string;
}

const KEY_ID = /^[A-Za-z0-9._-]{1,32}$/;
const KEY_BYTES = 32;

/** A new random key, as `TBT_SECRETS_KEY` wants it (base64). */
export function generateSecretKey(): string {
  return randomBytes(KEY_BYTES).toString('base64');
}

/**
 * Reads `TBT_SECRETS_KEY`: comma-separated `<id>:<base64 of 32 bytes>`, the current key first
 * (a single bare base64 key is id `default`). Throws naming the entry, never the key.
 */
export function parseSecretKeys(value: string): SecretKey[] {
  const entries = value
    .split(',')
    .map((e) => e.trim())
    .filter((e) => e !== '');
  if (entries.length === 0) throw new Error('no key');
  const keys: SecretKey[] = [];
  for (const [i, entry] of entries.entries()) {
    const colon = entry.indexOf(':');
    const id = colon < 0 && entries.length === 1 ? 'default' : entry.slice(0, colon);
    const encoded = colon < 0 ? entry : entry.slice(colon + 1);
    if (!KEY_ID.test(id))
      throw new Error(`entry ${i + 1}: an id (letters, digits, . _ -) then ':' and the key`);
    const key = Buffer.from(encoded, 'base64');
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(encoded) || key.length !== KEY_BYTES)
      throw new Error(`key ${id}: must be ${KEY_BYTES} bytes in base64 (openssl rand -base64 32)`);
    if (keys.some((k) => k.id === id)) throw new Error(`key ${id} is given twice`);
    keys.push({ id, key });
  }
  return keys;
}

export class SecretBox {
  private readonly keys: ReadonlyMap<string, Buffer>;
  /** The key new secrets are sealed with. */
  readonly currentKeyId: string;

  constructor(keys: readonly SecretKey[]) {
    if (keys.length === 0) throw new Error('a secret box needs a key');
    for (const k of keys)
      if (k.key.length !== KEY_BYTES) throw new Error(`key ${k.id} is not ${KEY_BYTES} bytes`);
    this.keys = new Map(keys.map((k) => [k.id, k.key]));
    this.currentKeyId = keys[0]!.id;
  }

  /** Encrypts `plain` for `owner` (the document it is stored on). */
  seal(plain: string, owner: string): SealedSecret {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.keys.get(this.currentKeyId)!, iv);
    cipher.setAAD(Buffer.from(owner, 'utf8'));
    const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return {
      alg: 'A256GCM',
      kid: this.currentKeyId,
      iv: iv.toString('base64'),
      ct: ct.toString('base64'),
      tag: cipher.getAuthTag().toString('base64'),
    };
  }

  /** Decrypts; throws when its key is not configured or it was altered or moved to another owner. */
  open(sealed: SealedSecret, owner: string): string {
    if (sealed.alg !== 'A256GCM') throw new Error(`unknown secret encryption '${String(sealed.alg)}'`);
    const key = this.keys.get(sealed.kid);
    if (!key) throw new Error(`secret key '${sealed.kid}' is not configured (TBT_SECRETS_KEY)`);
    // A full 16-byte tag only: GCM would otherwise accept a truncated one.
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'), {
      authTagLength: 16,
    });
    decipher.setAAD(Buffer.from(owner, 'utf8'));
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
    try {
      return Buffer.concat([decipher.update(Buffer.from(sealed.ct, 'base64')), decipher.final()]).toString(
        'utf8',
      );
    } catch {
      throw new Error(
        `secret of ${owner} does not decrypt with key '${sealed.kid}' (altered, or not its own)`,
      );
    }
  }

  isCurrent(sealed: SealedSecret): boolean {
    return sealed.kid === this.currentKeyId;
  }
}
