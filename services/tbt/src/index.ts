export * from './config.js';
export * from './service.js';
export { TbtView } from './view/tbt-view.js';
export { Scheduler } from './scheduling/scheduler.js';
export { alertsSubject } from './delivery/webhook-delivery.js';
