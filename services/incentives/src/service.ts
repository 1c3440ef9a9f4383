import type { BaseConfig, ServiceDefinition } from '@highland/service-kit';
import { IncentivesModule } from './app.module.js';

export const incentivesService = (config: BaseConfig): ServiceDefinition => ({
  service: 'incentives',
  title: 'Highland incentives',
  description:
    'Award and subsidy programmes as data; applications proven by the registry and zones facts; review with conflicts of interest; a budget ledger per programme that never overspends; payment instructions for finance. Amounts are integers in fen. Every change is an event on incentives.evt.>.',
  module: IncentivesModule.forRoot(config),
  config,
});
