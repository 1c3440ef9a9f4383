import type { ServiceDefinition } from '@highland/service-kit';
import { ZonesModule } from './app.module.js';
import type { ZonesConfig } from './config.js';

export const zonesService = (config: ZonesConfig): ServiceDefinition => ({
  service: 'zones',
  title: 'Highland demonstration zones',
  description:
    'Agricultural standardization demonstration zones and service-standardization pilots, from proposal to acceptance: lifecycle, standards systems, coverage, training, inspections. Every change is an event on zones.evt.>.',
  module: ZonesModule.forRoot(config),
  config,
});
