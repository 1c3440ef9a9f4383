import { Inject, Injectable } from '@nestjs/common';
import { MONGO } from '@highland/service-kit';
import type { Connection } from 'mongoose';

/**
 * Webhook secrets live here, never in events or logs. One document per exporter, written only by
 * the request that sets it (no concurrent writers), read when a webhook is signed.
 */
@Injectable()
export class WebhookSecrets {
  private readonly cache = new Map<string, string>();

  constructor(@Inject(MONGO) private readonly mongo: Connection) {}

  private get col() {
    return this.mongo.db!.collection<{ _id: string; secret: string; updatedAt: Date }>('webhook_secrets');
  }

  async set(exporterId: string, secret: string): Promise<void> {
    await this.col.replaceOne({ _id: exporterId }, { secret, updatedAt: new Date() }, { upsert: true });
    this.cache.set(exporterId, secret);
  }

  async get(exporterId: string): Promise<string | undefined> {
    const cached = this.cache.get(exporterId);
    if (cached) return cached;
    const doc = await this.col.findOne({ _id: exporterId });
    if (doc) this.cache.set(exporterId, doc.secret);
    return doc?.secret;
  }
}
