// The registry's domain: pure rules with no framework, store or messaging imports.
export * from './certification.js';
export * from './committee.js';
export * from './dates.js';
export * from './domain-error.js';
export * from './five-projects.js';
export * from './stages.js';
export * from './standard-code.js';
export * from './work-kind.js';
