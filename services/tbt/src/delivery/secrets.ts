import { Inject, Injectable, Logger } from '@nestjs/common';
import { MONGO } from '@highland/service-kit';
import type { Connection } from 'mongoose';
import { generateSecretKey, SecretBox, type SealedSecret, type SecretKey } from '../adapters/secret-box.js';

interface SecretDoc {
  _id: string;
  sealed?: SealedSecret;
  /** Written in plain text before secrets were encrypted; re-encrypted on read and by `reencrypt`. */
  secret?: string;
  updatedAt: Date;
}

const LOCAL_KEY_ID = 'local';

/**
 * The key of a database without TBT_SECRETS_KEY (development and tests; production requires the
 * variable): made once, by whichever replica inserts it first (unique `_id`), then read by all.
 * It sits beside the secrets it protects, so it only keeps them out of plain sight.
 */
export async function localSecretsKey(mongo: Connection): Promise<SecretKey> {
  const col = mongo.db!.collection<{ _id: string; key: string; createdAt: Date }>('keys');
  try {
    await col.insertOne({ _id: 'webhook-secrets', key: generateSecretKey(), createdAt: new Date() });
  } catch (err) {
    if ((err as { code?: number }).code !== 11000) throw err;
  }
  const doc = await col.findOne({ _id: 'webhook-secrets' });
  if (!doc) throw new Error('the local webhook-secrets key was inserted but cannot be read');
  new Logger('WebhookSecrets').warn(
    'TBT_SECRETS_KEY is not set: webhook secrets are encrypted with a key kept in this database ' +
      "(collection 'keys'); set TBT_SECRETS_KEY outside development (required when NODE_ENV=production)",
  );
  return { id: LOCAL_KEY_ID, key: Buffer.from(doc.key, 'base64') };
}

/**
 * Webhook secrets live here, encrypted (see `adapters/secret-box.ts`), never in events or logs.
 * One document per exporter, written only by the request that sets it (no concurrent writers),
 * read when a webhook is signed.
 */
@Injectable()
export class WebhookSecrets {
  private readonly log = new Logger('WebhookSecrets');
  private readonly cache = new Map<string, string>();

  constructor(
    @Inject(MONGO) private readonly mongo: Connection,
    @Inject(SecretBox) private readonly box: SecretBox,
  ) {}

  private get col() {
    return this.mongo.db!.collection<SecretDoc>('webhook_secrets');
  }

  async set(exporterId: string, secret: string): Promise<void> {
    await this.col.replaceOne(
      { _id: exporterId },
      { sealed: this.box.seal(secret, exporterId), updatedAt: new Date() },
      { upsert: true },
    );
    this.cache.set(exporterId, secret);
  }

  async get(exporterId: string): Promise<string | undefined> {
    const cached = this.cache.get(exporterId);
    if (cached) return cached;
    const doc = await this.col.findOne({ _id: exporterId });
    if (!doc) return undefined;
    const secret = this.read(doc);
    this.cache.set(exporterId, secret);
    if (!doc.sealed) await this.reseal(doc, secret);
    return secret;
  }

  /**
   * Seals every secret that is not under the current key (or still in plain text) with it: run
   * after a new key was put first in TBT_SECRETS_KEY, before the old one is removed. Counts only;
   * a secret whose key is gone is reported by exporter and key id.
   */
  async reencrypt(): Promise<{
    currentKeyId: string;
    reencrypted: number;
    current: number;
    failed: Array<{ exporterId: string; reason: string }>;
  }> {
    let reencrypted = 0;
    let current = 0;
    const failed: Array<{ exporterId: string; reason: string }> = [];
    for await (const doc of this.col.find({})) {
      if (doc.sealed && this.box.isCurrent(doc.sealed)) {
        current++;
        continue;
      }
      try {
        if (await this.reseal(doc, this.read(doc))) reencrypted++;
      } catch (err) {
        failed.push({ exporterId: doc._id, reason: (err as Error).message });
      }
    }
    this.log.log(
      `webhook secrets re-encrypted: ${reencrypted}, already current: ${current}, failed: ${failed.length}`,
    );
    return { currentKeyId: this.box.currentKeyId, reencrypted, current, failed };
  }

  private read(doc: SecretDoc): string {
    if (doc.sealed) return this.box.open(doc.sealed, doc._id);
    if (typeof doc.secret === 'string') return doc.secret;
    throw new Error(`webhook secret of ${doc._id} has neither a sealed nor a legacy value`);
  }

  /** Replaces the document only if it is still the one read: a secret set meanwhile wins. */
  private async reseal(doc: SecretDoc, secret: string): Promise<boolean> {
    const unchanged = doc.sealed ? { 'sealed.ct': doc.sealed.ct } : { secret: doc.secret };
    const res = await this.col.replaceOne(
      { _id: doc._id, ...unchanged },
      { sealed: this.box.seal(secret, doc._id), updatedAt: doc.updatedAt },
    );
    return res.modifiedCount === 1;
  }
}
