import type { AnyBulkWriteOperation, Collection, Document } from 'mongodb';

/** FerretDB 1.24 hangs on a bulk write of 100+ update statements; 50 is well clear of it. */
export const MAX_BULK_STATEMENTS = 50;

export interface BulkResult {
  inserted: number;
  matched: number;
  modified: number;
  upserted: number;
  deleted: number;
  chunks: number;
}

/** A bulk write split into chunks that every supported server completes. Unordered within a chunk. */
export async function bulkWriteChunked<T extends Document>(
  collection: Pick<Collection<T>, 'bulkWrite'>,
  operations: ReadonlyArray<AnyBulkWriteOperation<T>>,
  chunkSize = MAX_BULK_STATEMENTS,
): Promise<BulkResult> {
  const total: BulkResult = { inserted: 0, matched: 0, modified: 0, upserted: 0, deleted: 0, chunks: 0 };
  for (let i = 0; i < operations.length; i += chunkSize) {
    const res = await collection.bulkWrite(operations.slice(i, i + chunkSize), {
      ordered: true,
    });
    total.inserted += res.insertedCount;
    total.matched += res.matchedCount;
    total.modified += res.modifiedCount;
    total.upserted += res.upsertedCount;
    total.deleted += res.deletedCount;
    total.chunks++;
  }
  return total;
}
