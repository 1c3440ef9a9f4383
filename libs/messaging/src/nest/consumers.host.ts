import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import type { Subscription } from '@nats-io/nats-core';
import { ConsumerRunner } from '../consumer.js';
import type { NatsHandle } from '../connection.js';
import type { MessagingMetrics } from '../metrics.js';
import type { Topology } from '../topology.js';
import type { RequestContract } from '@highland/contracts';
import { serveRequests } from '../requests.js';
import { ON_EVENT, ON_REPLAY, ON_REQUEST, type OnEventMetadata } from './on-event.decorator.js';

export interface ConsumersHostDeps {
  nats: NatsHandle;
  topology: Topology;
  service: string;
  metrics?: MessagingMetrics;
}

/**
 * Finds every @OnEvent method at start-up and runs its consumer, every @OnRequest method and
 * answers its request contract; answers the admin requests of
 * `./highland dlq redrive` and `./highland replay`; stops pulling first on shutdown.
 */
@Injectable()
export class ConsumersHost implements OnApplicationBootstrap {
  private readonly log = new Logger('Consumers');
  readonly runners = new Map<string, ConsumerRunner>();
  private readonly replayHooks = new Map<string, () => Promise<void>>();
  /** Views rebuilt by something other than a durable consumer (in-memory projections). */
  private readonly replayTargets = new Map<string, () => Promise<unknown>>();
  private subscriptions: Subscription[] = [];

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly deps: ConsumersHostDeps,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object') continue;
      const proto = Object.getPrototypeOf(instance) as object;
      for (const name of this.scanner.getAllMethodNames(proto)) {
        const meta = Reflect.getMetadata(ON_EVENT, proto, name) as OnEventMetadata | undefined;
        const method = (instance[name] as (...a: unknown[]) => Promise<void>).bind(instance);
        if (meta) this.register(meta, method, instance);
        const replayOf = Reflect.getMetadata(ON_REPLAY, proto, name) as string | undefined;
        if (replayOf) this.replayHooks.set(replayOf, method);
        const request = Reflect.getMetadata(ON_REQUEST, proto, name) as RequestContract | undefined;
        if (request) this.serve(request, method);
      }
    }
    for (const runner of this.runners.values()) await runner.start();
    this.listenForAdmin();
    if (this.runners.size) this.log.log(`consuming: ${[...this.runners.keys()].join(', ')}`);
  }

  private register(
    meta: OnEventMetadata,
    method: (...a: unknown[]) => Promise<void>,
    instance: object,
  ): void {
    const options = typeof meta.options === 'function' ? meta.options(instance) : meta.options;
    if (this.runners.has(options.durable))
      throw new Error(`two @OnEvent handlers share the durable "${options.durable}"`);
    const producer = meta.contracts[0]!.service;
    this.runners.set(
      options.durable,
      new ConsumerRunner(
        this.deps.nats,
        this.deps.topology,
        {
          ...options,
          service: this.deps.service,
          stream: this.deps.topology.eventStream(producer).name,
          contracts: meta.contracts,
          ...(options.batch ? { handleBatch: method } : { handle: method }),
        },
        this.deps.metrics,
      ),
    );
  }

  private serve(contract: RequestContract, method: (...a: unknown[]) => unknown): void {
    if (contract.service !== this.deps.service)
      throw new Error(`${this.deps.service} cannot answer ${contract.subject}: it is ${contract.service}'s`);
    this.subscriptions.push(
      serveRequests(this.deps.nats, this.deps.topology, contract, (request) => method(request) as never),
    );
  }

  private listenForAdmin(): void {
    const { nc } = this.deps.nats;
    const on = (operation: string, fn: (body: Record<string, unknown>) => Promise<unknown>) => {
      const sub = nc.subscribe(this.deps.topology.adminSubject(this.deps.service, operation), {
        queue: `${this.deps.service}-admin`,
        callback: (err, msg) => {
          if (err) return;
          void (async () => {
            let reply: unknown;
            try {
              const body = msg.data.length ? (msg.json<Record<string, unknown>>() ?? {}) : {};
              reply = { ok: true, ...((await fn(body)) as object) };
            } catch (e) {
              reply = { ok: false, error: (e as Error).message };
            }
            msg.respond(JSON.stringify(reply));
          })();
        },
      });
      this.subscriptions.push(sub);
    };
    on('consumers', async () => ({ consumers: [...this.runners.keys(), ...this.replayTargets.keys()] }));
    on('dlq.redrive', async (body) => {
      const runner = this.runnerFor(body.consumer);
      return runner.redrive(typeof body.seq === 'number' ? body.seq : undefined);
    });
    on('replay', async (body) => this.replay(String(body.consumer)));
  }

  private runnerFor(consumer: unknown): ConsumerRunner {
    const runner = this.runners.get(String(consumer));
    if (!runner)
      throw new Error(
        `no consumer "${String(consumer)}" here (known: ${[...this.runners.keys()].join(', ') || 'none'})`,
      );
    return runner;
  }

  /** Lets `./highland replay <name>` rebuild a view that is not a durable consumer. */
  registerReplayTarget(name: string, rebuild: () => Promise<unknown>): void {
    this.replayTargets.set(name, rebuild);
  }

  /** Rebuilds a consumer's effects from the start of its stream. */
  async replay(consumer: string): Promise<{ consumer: string; replaying: true; result?: unknown }> {
    const target = this.replayTargets.get(consumer);
    if (target) return { consumer, replaying: true, result: await target() };
    const runner = this.runnerFor(consumer);
    const hook = this.replayHooks.get(consumer);
    if (!hook)
      throw new Error(`consumer "${consumer}" has no @OnReplay hook: its effects cannot be reset safely`);
    await runner.stop();
    await this.deps.nats.jsm.consumers.delete(runner.spec.stream, runner.spec.durable).catch(() => false);
    await hook();
    const fresh = new ConsumerRunner(this.deps.nats, this.deps.topology, runner.spec, this.deps.metrics);
    this.runners.set(consumer, fresh);
    await fresh.start();
    return { consumer, replaying: true };
  }

  /** First step of shutdown: stop pulling and finish what is in flight. */
  async stop(): Promise<void> {
    for (const s of this.subscriptions) s.unsubscribe();
    await Promise.all([...this.runners.values()].map((r) => r.stop()));
  }
}
