export { dataFileUrl, readDataFile } from './data-files.js';
export {
  icsEntries,
  icsEntry,
  icsPrefixMatch,
  isIcsCode,
  parseIcsXml,
  type IcsEntry,
  type IcsLevel,
} from './ics.js';
export { ccsEntries, ccsEntry, isCcsCode, type CcsEntry, type CcsLevel } from './ccs.js';
export {
  hsEntries,
  hsEntry,
  hsSections,
  isHsCode,
  type HsEntry,
  type HsLevel,
  type HsSection,
} from './hs.js';
export { committeeKey, isoCommittee, isoCommittees, type IsoCommittee } from './iso-committees.js';
export { isoStageCode, isoStageCodes, type IsoStageCode } from './iso-stages.js';
export {
  isoDeliverableSchema,
  parseIsoDeliverablesJsonl,
  type IsoDeliverable,
  type IsoDeliverablesParseResult,
  type JsonlLineError,
} from './iso-deliverables.js';
export {
  EU_CODE,
  euMemberStates,
  findWtoMember,
  isWtoMember,
  marketsCovering,
  wtoMember,
  wtoMemberByName,
  wtoMembers,
  type WtoMember,
} from './wto-members.js';
