import { type DynamicModule, Module } from '@nestjs/common';
import { ServiceKitModule, viewProvider } from '@highland/service-kit';
import { TbtCommands } from './commands/tbt-commands.js';
import type { TbtConfig } from './config.js';
import { Matcher } from './delivery/matcher.js';
import { WebhookSecrets } from './delivery/secrets.js';
import { WebhookDelivery } from './delivery/webhook-delivery.js';
import { TbtAdminController } from './http/admin.controller.js';
import { ExportersController } from './http/exporters.controller.js';
import { NotificationsController } from './http/notifications.controller.js';
import { Scheduler } from './scheduling/scheduler.js';
import { TbtView } from './view/tbt-view.js';

@Module({})
export class TbtModule {
  static forRoot(config: TbtConfig): DynamicModule {
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
        WebhookSecrets,
        Matcher,
        WebhookDelivery,
        Scheduler,
      ],
    };
  }
}
