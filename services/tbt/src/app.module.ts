import { type DynamicModule, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { ServiceKitModule } from '@highland/service-kit';
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
import { tbtViewProvider } from './view/tbt-view.provider.js';

class ViewShutdown implements OnApplicationShutdown {
  constructor(@Inject(TbtView) private readonly view: TbtView) {}
  async onApplicationShutdown(): Promise<void> {
    await this.view.stop();
  }
}

@Module({})
export class TbtModule {
  static forRoot(config: TbtConfig): DynamicModule {
    return {
      module: TbtModule,
      imports: [ServiceKitModule.forRoot({ service: 'tbt', config })],
      controllers: [NotificationsController, ExportersController, TbtAdminController],
      providers: [
        tbtViewProvider,
        ViewShutdown,
        TbtCommands,
        WebhookSecrets,
        Matcher,
        WebhookDelivery,
        Scheduler,
      ],
    };
  }
}
