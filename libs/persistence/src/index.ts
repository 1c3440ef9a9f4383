export * from './errors.js';
export * from './bulk.js';
