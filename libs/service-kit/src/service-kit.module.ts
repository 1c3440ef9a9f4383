import {
  type DynamicModule,
  Inject,
  Module,
  type OnApplicationShutdown,
  type BeforeApplicationShutdown,
} from '@nestjs/common';
import {
  APP_FILTER,
  APP_GUARD,
  APP_INTERCEPTOR,
  DiscoveryModule,
  DiscoveryService,
  MetadataScanner,
} from '@nestjs/core';
import {
  connectNats,
  ConsumersHost,
  ensureStream,
  EventPublisher,
  MessagingMetrics,
  type NatsHandle,
  Topology,
} from '@highland/messaging';
import mongoose, { type Connection } from 'mongoose';
import { LoggerModule } from 'nestjs-pino';
import { ApiKeyStore } from './api-keys.js';
import { ApiKeyGuard } from './auth.js';
import type { BaseConfig } from './config.js';
import { HealthController, type HealthCheck } from './health.controller.js';
import { IdempotencyInterceptor, IdempotencyStore } from './idempotency.js';
import { loggerParams } from './logging.js';
import { ProblemFilter } from './problem.filter.js';
import { RequestLimiter } from './rate-limit.js';
import {
  API_KEYS,
  CONFIG,
  HEALTH_CHECKS,
  IDEMPOTENCY,
  MESSAGING_METRICS,
  MONGO,
  NATS,
  PUBLISHER,
  REQUEST_LIMITER,
  SERVICE_NAME,
  TOPOLOGY,
} from './tokens.js';

export interface ServiceKitOptions {
  service: string;
  config: BaseConfig;
}

/** Closes in order: consumers stop pulling and finish, then NATS drains, then the store closes. */
class Shutdown implements BeforeApplicationShutdown, OnApplicationShutdown {
  constructor(
    @Inject(ConsumersHost) private readonly consumers: ConsumersHost,
    @Inject(NATS) private readonly nats: NatsHandle,
    @Inject(MONGO) private readonly mongo: Connection,
    @Inject(API_KEYS) private readonly keys: ApiKeyStore,
  ) {}

  async beforeApplicationShutdown(): Promise<void> {
    await this.consumers.stop();
  }

  async onApplicationShutdown(): Promise<void> {
    this.keys.close();
    await this.nats.close();
    await this.mongo.close();
  }
}

/** Everything a Highland service shares; a service module imports ServiceKitModule.forRoot(...). */
@Module({})
export class ServiceKitModule {
  static forRoot(opts: ServiceKitOptions): DynamicModule {
    const { config, service } = opts;
    return {
      module: ServiceKitModule,
      global: true,
      imports: [DiscoveryModule, LoggerModule.forRoot(loggerParams(service, config.LOG_LEVEL))],
      controllers: [HealthController],
      providers: [
        { provide: CONFIG, useValue: config },
        { provide: SERVICE_NAME, useValue: service },
        { provide: TOPOLOGY, useValue: new Topology(config.HIGHLAND_NAMESPACE ?? '') },
        {
          provide: NATS,
          inject: [TOPOLOGY],
          useFactory: async (topology: Topology) => {
            const nats = await connectNats({
              url: config.NATS_URL,
              name: service,
              credentialsFile: config.NATS_CREDENTIALS_FILE,
            });
            // Streams as code: this service's own stream and the shared dead-letter stream.
            await ensureStream(nats.jsm, topology.eventStream(service));
            await ensureStream(nats.jsm, topology.dlqStream());
            return nats;
          },
        },
        { provide: MESSAGING_METRICS, useFactory: () => new MessagingMetrics() },
        {
          provide: REQUEST_LIMITER,
          useFactory: () =>
            new RequestLimiter({
              requests: config.RATE_LIMIT_REQUESTS,
              windowSeconds: config.RATE_LIMIT_WINDOW_SECONDS,
            }),
        },
        {
          provide: PUBLISHER,
          inject: [NATS, TOPOLOGY, MESSAGING_METRICS],
          useFactory: (nats: NatsHandle, topology: Topology, metrics: MessagingMetrics) =>
            new EventPublisher(nats.js, topology, service, metrics),
        },
        {
          provide: MONGO,
          useFactory: async () =>
            mongoose
              .createConnection(config.MONGO_URL, { serverSelectionTimeoutMS: 10_000, autoIndex: true })
              .asPromise(),
        },
        {
          provide: API_KEYS,
          inject: [NATS, TOPOLOGY],
          useFactory: async (nats: NatsHandle, topology: Topology) => {
            const keys = await ApiKeyStore.open(nats, topology);
            if (config.HIGHLAND_BOOTSTRAP_OFFICE_KEY) {
              keys.trustBootstrap(config.HIGHLAND_BOOTSTRAP_OFFICE_KEY, {
                department: 'office',
                scopes: ['*'],
                label: 'standardization office',
              });
            }
            return keys;
          },
        },
        {
          provide: IDEMPOTENCY,
          inject: [NATS, TOPOLOGY],
          useFactory: (nats: NatsHandle, topology: Topology) => IdempotencyStore.open(nats, topology),
        },
        {
          provide: HEALTH_CHECKS,
          inject: [NATS, MONGO],
          useFactory: (nats: NatsHandle, mongo: Connection): HealthCheck[] => [
            {
              name: 'nats',
              check: async () => {
                if (nats.nc.isClosed()) throw new Error('connection closed');
                await nats.nc.flush();
              },
            },
            {
              name: 'store',
              check: async () => {
                await mongo.db!.admin().command({ ping: 1 });
              },
            },
          ],
        },
        {
          provide: ConsumersHost,
          inject: [DiscoveryService, MetadataScanner, NATS, TOPOLOGY, MESSAGING_METRICS],
          useFactory: (
            d: DiscoveryService,
            s: MetadataScanner,
            nats: NatsHandle,
            topology: Topology,
            metrics: MessagingMetrics,
          ) => new ConsumersHost(d, s, { nats, topology, service, metrics }),
        },
        Shutdown,
        { provide: APP_FILTER, useClass: ProblemFilter },
        { provide: APP_GUARD, useClass: ApiKeyGuard },
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
      ],
      exports: [
        CONFIG,
        SERVICE_NAME,
        TOPOLOGY,
        NATS,
        MESSAGING_METRICS,
        PUBLISHER,
        MONGO,
        API_KEYS,
        IDEMPOTENCY,
        HEALTH_CHECKS,
        ConsumersHost,
      ],
    };
  }
}
