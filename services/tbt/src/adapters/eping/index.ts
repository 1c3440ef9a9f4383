// ePing's file formats read into rows for the domain's row rules (`domain/eping.ts`).
export * from './csv.js';
export * from './json.js';
export * from './xlsx.js';
