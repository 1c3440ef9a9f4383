export * from './service.js';
export * from './config.js';
// Rows of `./highland import zones` (the CLI parses files locally and posts zones one by one).
export { RegisterZoneInput, type RegisterZoneBody } from './commands/register-zone.js';
