export * from './paths.js';
export * from './ports.js';
export * from './go-build.js';
export * from './readiness.js';
export * from './embedded.js';
export * from './node-flags.js';
