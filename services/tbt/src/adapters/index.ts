// What talks to formats and libraries outside the domain: ePing files in, webhook signatures out.
export * from './eping/index.js';
export * from './webhook-signature.js';
