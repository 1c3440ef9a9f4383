// Which exporter profiles a notification concerns, and why (the rules: `rules.ts`).
export {
  compareReasons,
  type MatchableNotification,
  type MatchReason,
  type MatchRule,
  type ProfileMatch,
} from './rules.js';
export { prepareNotification, type PreparedNotification } from './prepare.js';
export { matchProfile, naiveMatch } from './naive-matcher.js';
export { ProfileIndex } from './profile-index.js';
export { inferredMatches, type InferredMatch } from './inferred.js';
