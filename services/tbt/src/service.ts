import type { ServiceDefinition } from '@highland/service-kit';
import { TbtModule, type TbtOptions } from './app.module.js';
import type { TbtConfig } from './config.js';
import { XLSX_TYPE } from './http/notifications.controller.js';

export const tbtService = (config: TbtConfig, options: TbtOptions = {}): ServiceDefinition => ({
  service: 'tbt',
  title: 'Highland TBT alerts',
  description:
    "WTO TBT/SPS notifications in (ePing CSV/XLSX exports, the ePing API's JSON, manual entry), early warnings out: explained matches against exporter profiles and the registry's standards, signed webhooks with retries, SSE and NATS per exporter, reminders and digests, responses and trade-concern candidates.",
  module: TbtModule.forRoot(config, options),
  config,
  configure: (app) => {
    app.useBodyParser('raw', { type: [XLSX_TYPE, 'application/octet-stream'], limit: '20mb' });
  },
});
