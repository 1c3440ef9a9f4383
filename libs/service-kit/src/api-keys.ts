import { createHash, randomBytes } from 'node:crypto';
import { type KV, Kvm } from '@nats-io/kv';
import type { NatsHandle, Topology } from '@highland/messaging';
import { z } from 'zod';

export const ApiKeyRecord = z.object({
  department: z.string().regex(/^[a-z][a-z0-9-]{1,62}$/),
  /** e.g. "registry:standards", "registry:*", or "*" for the office. */
  scopes: z.array(z.string().regex(/^(\*|[a-z-]+:(\*|[a-z-]+))$/)).min(1),
  label: z.string().min(1).max(200),
  createdAt: z.string(),
});
export type ApiKeyRecord = z.infer<typeof ApiKeyRecord>;

export const hashApiKey = (key: string) => createHash('sha256').update(key).digest('hex');

/** A scope grants itself; `<service>:*` grants all of that service; any scope of a service grants its reads. */
export function hasScope(record: Pick<ApiKeyRecord, 'scopes'>, wanted: string): boolean {
  const [service, what] = wanted.split(':');
  return record.scopes.some(
    (s) =>
      s === '*' || s === wanted || s === `${service}:*` || (what === 'read' && s.startsWith(`${service}:`)),
  );
}

/**
 * Department credentials, shared by every service: a JetStream KV bucket holding only the SHA-256
 * of each key (keys are 32 random bytes, so a fast hash is enough). Each replica watches the bucket
 * and answers lookups from memory.
 */
export class ApiKeyStore {
  private readonly byHash = new Map<string, ApiKeyRecord>();
  /**
   * Keys already verified, by their plain text: hashing on every request was ~1 % of a command's
   * CPU. Only known keys enter (so it is no larger than byHash), and any change empties it.
   */
  private readonly verified = new Map<string, ApiKeyRecord>();
  private watcher?: { stop(): void };
  private bootstrap?: { hash: string; record: ApiKeyRecord };

  private constructor(private readonly kv: KV) {}

  static bucketName(topology: Topology): string {
    return topology.bucket('highland_api_keys');
  }

  static async open(nats: NatsHandle, topology: Topology): Promise<ApiKeyStore> {
    const kv = await new Kvm(nats.nc).create(ApiKeyStore.bucketName(topology), { history: 1 });
    const store = new ApiKeyStore(kv);
    const iter = await kv.watch({ include: 'allHistory' as never });
    store.watcher = iter;
    let caughtUp: () => void = () => {};
    const ready = new Promise<void>((r) => (caughtUp = r));
    void (async () => {
      for await (const e of iter) {
        if (e.operation === 'PUT') {
          const parsed = ApiKeyRecord.safeParse(e.json());
          if (parsed.success) store.byHash.set(e.key, parsed.data);
        } else if (e.key !== store.bootstrap?.hash) {
          store.byHash.delete(e.key);
        }
        store.verified.clear();
        if (e.delta === 0) caughtUp();
      }
    })();
    const status = await kv.status();
    if (status.values === 0) caughtUp();
    await ready;
    return store;
  }

  lookup(plainKey: string): ApiKeyRecord | undefined {
    const cached = this.verified.get(plainKey);
    if (cached) return cached;
    const record = this.byHash.get(hashApiKey(plainKey));
    if (record) this.verified.set(plainKey, record);
    return record;
  }

  /** Creates a key and returns it in plain text: the only time it is ever seen. */
  async create(
    input: Omit<ApiKeyRecord, 'createdAt'>,
  ): Promise<{ key: string; hash: string; record: ApiKeyRecord }> {
    const key = `hl_${randomBytes(32).toString('base64url')}`;
    const record = ApiKeyRecord.parse({ ...input, createdAt: new Date().toISOString() });
    const hash = hashApiKey(key);
    await this.kv.create(hash, JSON.stringify(record));
    this.byHash.set(hash, record);
    return { key, hash, record };
  }

  /**
   * Accepts a key given in plain text in this service's own configuration (the office bootstrap key)
   * without writing it to the bucket: services may not write the key bucket (only the CLI's `keys`
   * NATS user may), so a compromised service cannot mint keys. Replacing it means restarting with
   * another key.
   */
  trustBootstrap(plainKey: string, input: Omit<ApiKeyRecord, 'createdAt'>): void {
    const record = ApiKeyRecord.parse({ ...input, createdAt: new Date().toISOString() });
    this.bootstrap = { hash: hashApiKey(plainKey), record };
    this.byHash.set(this.bootstrap.hash, record);
  }

  async revoke(hash: string): Promise<void> {
    await this.kv.delete(hash);
    this.byHash.delete(hash);
    this.verified.clear();
  }

  list(): Array<{ hash: string } & ApiKeyRecord> {
    return [...this.byHash.entries()].map(([hash, r]) => ({ hash, ...r }));
  }

  close(): void {
    this.watcher?.stop();
  }
}
