export * from './on-event.decorator.js';
export * from './consumers.host.js';
