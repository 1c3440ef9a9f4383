import type { LookupFunction } from 'node:net';
import { type DynamicModule, Module } from '@nestjs/common';
import { MONGO, ServiceKitModule, viewProvider } from '@highland/service-kit';
import type { Connection } from 'mongoose';
import { SecretBox } from './adapters/secret-box.js';
import { WebhookClient } from './adapters/webhook-client.js';
import { WebhookTargetPolicy } from './adapters/webhook-target.js';
import { TbtCommands } from './commands/tbt-commands.js';
import type { TbtConfig } from './config.js';
import { Matcher } from './delivery/matcher.js';
import { localSecretsKey, WebhookSecrets } from './delivery/secrets.js';
import { WebhookDelivery } from './delivery/webhook-delivery.js';
import { TbtAdminController } from './http/admin.controller.js';
import { ExportersController } from './http/exporters.controller.js';
import { NotificationsController } from './http/notifications.controller.js';
import { Scheduler } from './scheduling/scheduler.js';
import { TbtView } from './view/tbt-view.js';

export interface TbtOptions {
  /** How webhook hosts are resolved (tests resolve names of their own); default `dns.lookup`. */
  webhookLookup?: LookupFunction;
}

@Module({})
export class TbtModule {
  static forRoot(config: TbtConfig, options: TbtOptions = {}): DynamicModule {
    const webhookTargets = new WebhookTargetPolicy(config.TBT_WEBHOOK_ALLOWED_HOSTS);
    return {
      module: TbtModule,
      imports: [ServiceKitModule.forRoot({ service: 'tbt', config })],
      controllers: [NotificationsController, ExportersController, TbtAdminController],
      providers: [
        // Replays the TBT stream (profiles into the match index) before the service takes requests.
        ...viewProvider({
          provide: TbtView,
          name: 'tbt-view',
          create: ({ nats, topology }) => new TbtView(nats, topology),
        }),
        TbtCommands,
        { provide: WebhookTargetPolicy, useValue: webhookTargets },
        {
          provide: WebhookClient,
          useFactory: () =>
            new WebhookClient({
              policy: webhookTargets,
              connectTimeoutMs: config.TBT_WEBHOOK_CONNECT_TIMEOUT_MS,
              timeoutMs: config.TBT_WEBHOOK_TIMEOUT_MS,
              maxResponseBytes: config.TBT_WEBHOOK_MAX_RESPONSE_BYTES,
              ...(options.webhookLookup ? { lookup: options.webhookLookup } : {}),
            }),
        },
        {
          provide: SecretBox,
          inject: [MONGO],
          useFactory: async (mongo: Connection) =>
            new SecretBox(config.TBT_SECRETS_KEY ?? [await localSecretsKey(mongo)]),
        },
        WebhookSecrets,
        Matcher,
        WebhookDelivery,
        Scheduler,
      ],
    };
  }
}
