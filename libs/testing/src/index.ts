import './context.js';
export * from './names.js';
export * from './docker.js';
export type { ServerSource } from './context.js';
export * from './messaging.js';
export * from './service.js';
export * from './processes.js';
