import type { Collection } from 'mongodb';
import { isDuplicateKeyError } from './errors.js';

/**
 * Consumer idempotency across processes: an effect stored together with the id of the event that
 * caused it. Inserting the id is the check — a unique key holds on every server, FerretDB included.
 */
export class ProcessedEvents {
  constructor(private readonly collection: Collection<{ _id: string; at: Date }>) {}

  /** True the first time an event id is seen by this consumer, false on every redelivery. */
  async firstTime(consumer: string, eventId: string): Promise<boolean> {
    try {
      await this.collection.insertOne({
        _id: `${consumer}:${eventId}`,
        at: new Date(),
      });
      return true;
    } catch (err) {
      if (isDuplicateKeyError(err)) return false;
      throw err;
    }
  }
}
