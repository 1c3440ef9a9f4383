import type { BaseConfig, ServiceDefinition } from '@highland/service-kit';
import { RegistryModule } from './app.module.js';

export const registryService = (config: BaseConfig): ServiceDefinition => ({
  service: 'registry',
  title: 'Highland standards registry',
  description:
    'Standards of every level and their work items, key products and adoption, enterprise product standard filings, committee seats and certified enterprises. Every change is an event on registry.evt.>.',
  module: RegistryModule.forRoot(config),
  config,
});
