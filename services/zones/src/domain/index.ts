export * from './area.js';
export * from './authority.js';
export * from './ids.js';
export * from './lifecycle.js';
export * from './scoring.js';
export * from './standard-code.js';
export * from './state.js';
