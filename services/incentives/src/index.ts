export * from './service.js';
export * from './config.js';
// Programme files, shared with `./highland import incentives` (which validates locally and posts them).
export { DefineProgrammeInput, type DefineProgrammeBody } from './commands/define-programme.js';
