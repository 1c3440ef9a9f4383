import { randomUUID } from 'node:crypto';
import { type KV, Kvm } from '@nats-io/kv';
import type { NatsHandle } from './connection.js';
import type { Topology } from './topology.js';

const TTL_MS = 10_000;
const RENEW_MS = 3_000;

/**
 * One replica at a time does what must happen once (publishing progress): a lease in a JetStream
 * KV bucket, taken with create (fails if held) and renewed with a revision-checked update, both
 * atomic in JetStream. A replica that stops renewing loses it after the bucket's TTL.
 */
export class Leadership {
  readonly id = randomUUID();
  private kv?: KV;
  private revision = 0;
  private timer?: NodeJS.Timeout;
  leader = false;

  constructor(
    private readonly nats: NatsHandle,
    private readonly topology: Topology,
    private readonly role: string,
  ) {}

  async start(): Promise<void> {
    const bucket = this.topology.bucket('highland_leases');
    this.kv = await new Kvm(this.nats.nc).create(bucket, { history: 1, ttl: TTL_MS });
    await this.tick();
    this.timer = setInterval(() => void this.tick(), RENEW_MS);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    const kv = this.kv!;
    try {
      if (this.leader) {
        this.revision = await kv.update(this.role, this.id, this.revision);
      } else {
        this.revision = await kv.create(this.role, this.id);
        this.leader = true;
      }
    } catch {
      this.leader = false;
    }
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    if (this.leader) await this.kv?.delete(this.role, { previousSeq: this.revision }).catch(() => undefined);
    this.leader = false;
  }
}
