export * from './services.js';
export * from './output.js';
