export * from './errors.js';
export * from './bulk.js';
export * from './aggregate-view.js';
export * from './command-executor.js';
export * from './processed-events.js';
export * from './snapshot-store.js';
