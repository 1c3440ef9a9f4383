/** Reporting domain: plans as data, facts, the fact store and pure attainment evaluation. */
export * from './attainment.js';
export * from './calendar.js';
export * from './fact-store.js';
export * from './facts.js';
export * from './match.js';
export * from './plan.js';
export * from './rank.js';
export * from './seed-plan.js';
