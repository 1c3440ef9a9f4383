import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { Rejection } from '@highland/contracts';
import type { NatsHandle, Topology } from '@highland/messaging';
import { StorageType } from '@nats-io/jetstream';
import { type ObjectStore, Objm } from '@nats-io/obj';
import { SNIFF_BYTES } from '../domain/evidence.js';

export interface PutLimits {
  maxBytes: number;
  /** Whether the first bytes are those of the declared type. */
  sniff: (head: Uint8Array) => boolean;
  contentType: string;
}

/**
 * Evidence files in the JetStream object store (`zones_evidence` bucket, file storage, replicated
 * with the platform's JetStream): chunked, streamed both ways (no whole file in memory), each
 * object with the store's own SHA-256 digest checked on every read. An upload that fails — too
 * large, not the declared type, the client gone — leaves nothing stored.
 */
export class EvidenceStore {
  private store?: ObjectStore;

  constructor(
    private readonly nats: NatsHandle,
    private readonly topology: Topology,
  ) {}

  async open(): Promise<void> {
    this.store = await new Objm(this.nats.js).create(this.topology.bucket('zones-evidence'), {
      storage: StorageType.File,
      description: 'evidence files of demonstration zones (documents, photos, PDFs)',
    });
  }

  private get os(): ObjectStore {
    if (!this.store) throw new Error('evidence store not open');
    return this.store;
  }

  /** Streams `source` into the object `name`; its size and SHA-256 (hex), or a Rejection and nothing stored. */
  async put(
    name: string,
    source: AsyncIterable<Uint8Array>,
    limits: PutLimits,
  ): Promise<{ size: number; sha256: string }> {
    const hash = createHash('sha256');
    let size = 0;
    let head = new Uint8Array(0);
    let sniffed = false;
    let refusal: Rejection | undefined;
    const it: AsyncIterator<Uint8Array, unknown> = source[Symbol.asyncIterator]();
    const checkHead = () => {
      sniffed = true;
      if (!limits.sniff(head))
        throw (refusal = Rejection.unprocessable(`the file is not ${limits.contentType}`, [
          { field: 'header.content-type', reason: `the file's bytes are not those of ${limits.contentType}` },
        ]));
    };
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        try {
          const next = await it.next();
          if (next.done) {
            if (!sniffed) checkHead();
            if (size === 0)
              throw (refusal = Rejection.invalid('an empty file', [{ field: 'body', reason: 'no bytes' }]));
            controller.close();
            return;
          }
          const value = next.value;
          size += value.length;
          if (size > limits.maxBytes)
            throw (refusal = Rejection.unprocessable(`the file is larger than ${limits.maxBytes} bytes`, [
              { field: 'body', reason: `more than ${limits.maxBytes} bytes` },
            ]));
          if (!sniffed) {
            const joined = new Uint8Array(head.length + value.length);
            joined.set(head);
            joined.set(value, head.length);
            head = joined.subarray(0, SNIFF_BYTES);
            if (head.length >= SNIFF_BYTES) checkHead();
          }
          hash.update(value);
          controller.enqueue(value);
        } catch (err) {
          controller.error(err);
        }
      },
      async cancel() {
        await it.return?.();
      },
    });
    try {
      await this.os.put({ name, options: { max_chunk_size: 128 * 1024 } }, body);
    } catch (err) {
      // The store purges the chunks of a failed put; delete whatever metadata it may have written.
      await this.delete(name).catch(() => undefined);
      throw refusal ?? err;
    }
    return { size, sha256: hash.digest('hex') };
  }

  /** The object's bytes as a Node stream (the store checks its digest as it reads), or undefined. */
  async get(name: string): Promise<{ size: number; stream: Readable } | undefined> {
    const result = await this.os.get(name);
    if (!result) return undefined;
    return {
      size: result.info.size,
      stream: Readable.fromWeb(result.data as Parameters<typeof Readable.fromWeb>[0]),
    };
  }

  async delete(name: string): Promise<void> {
    await this.os.delete(name);
  }

  /** Bytes the store's stream holds, chunks of unfinished objects included (tests: nothing left behind). */
  async storedBytes(): Promise<number> {
    return (await this.os.status()).size;
  }

  /** Names of every object stored. */
  async names(): Promise<string[]> {
    return (await this.os.list()).map((i) => i.name);
  }
}
