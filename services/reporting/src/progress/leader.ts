import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { Leadership, type NatsHandle, type Topology } from '@highland/messaging';
import { NATS, TOPOLOGY } from '@highland/service-kit';

/**
 * The one replica (of however many) that publishes progress and writes the store's copy of the
 * view: it holds a lease in a JetStream KV bucket, taken at start and renewed while it runs.
 */
@Injectable()
export class ProgressLeader implements OnModuleInit, OnApplicationShutdown {
  private readonly lease: Leadership;

  constructor(@Inject(NATS) nats: NatsHandle, @Inject(TOPOLOGY) topology: Topology) {
    this.lease = new Leadership(nats, topology, 'reporting-progress');
  }

  /** Before anything that asks (they start at application bootstrap). */
  async onModuleInit(): Promise<void> {
    await this.lease.start();
  }

  get leader(): boolean {
    return this.lease.leader;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.lease.stop();
  }
}
