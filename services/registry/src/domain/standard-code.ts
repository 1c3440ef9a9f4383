// The standard-code parser: one entry point for every level of standard the registry records.
export {
  formatStandardCode,
  MAX_CODE_LENGTH,
  normalizeCodeText,
  parseStandardCode,
  type ParseStandardCodeOptions,
  type ParseStandardCodeResult,
} from './standard-code/index.js';
export { FOREIGN_BODIES, type ForeignBody, type ForeignStyle } from './standard-code/foreign-bodies.js';
export { INDUSTRY_SECTORS, industrySector } from './standard-code/industry-sectors.js';
export { CHONGQING, PROVINCES_BY_CODE, provinceOf, type Province } from './standard-code/regions.js';
export {
  STANDARD_LEVELS,
  type Amendment,
  type AmendmentKind,
  type IndustrySector,
  type IsoDeliverable,
  type ParsedStandardCode,
  type StandardCodeParts,
  type StandardLevel,
  type StandardNature,
} from './standard-code/types.js';
