import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BaseConfig, ServiceDefinition } from '@highland/service-kit';
import { ReportingModule, type ReportingOptions } from './app.module.js';

const here = dirname(fileURLToPath(import.meta.url));
/** The dashboard ships inside the service: static files, and Chart.js from its npm package. */
export const dashboardDir = join(here, '..', 'public');
const chartJsDir = join(dirname(fileURLToPath(import.meta.resolve('chart.js'))), '..', 'dist');

export const reportingService = (config: BaseConfig, options: ReportingOptions = {}): ServiceDefinition => ({
  service: 'reporting',
  title: 'Highland reporting',
  description:
    'Attainment of every target of the plan, projected from events: values, statuses, breakdowns, monthly series, drill-down, CSV exports, live progress (SSE and NATS reporting.progress.<plan>.<indicator>), and the dashboard at /.',
  module: ReportingModule.forRoot(config, options),
  config,
  configure: (app) => {
    app.useStaticAssets(chartJsDir, { prefix: '/vendor/chartjs/', maxAge: '1h' });
    app.useStaticAssets(dashboardDir, { index: 'index.html', maxAge: 0 });
  },
});
