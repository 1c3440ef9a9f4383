import { STANDARD_LEVELS } from '@highland/contracts';

/** Levels of standard the registry knows (the catalogue's list). */
export { STANDARD_LEVELS };
export type StandardLevel = (typeof STANDARD_LEVELS)[number];

/**
 * Chinese codes carry their nature in the prefix: bare `GB` is mandatory, `/T` recommended, `/Z` a
 * guidance document. International, foreign, group and enterprise standards are voluntary and are
 * reported as `recommended` (ISO/IEC technical reports and guides as `guidance`).
 */
export type StandardNature = 'mandatory' | 'recommended' | 'guidance';

/** `Amd`/`Cor`: ISO/IEC amendment or corrigendum; `A`: European `+A1`; `XG`: Chinese 修改单. */
export type AmendmentKind = 'Amd' | 'Cor' | 'A' | 'XG';

export interface Amendment {
  kind: AmendmentKind;
  number: number;
  year?: number;
}

/** ISO/IEC deliverables other than an International Standard. */
export type IsoDeliverable = 'TR' | 'TS' | 'PAS' | 'ISP' | 'Guide';

export interface IndustrySector {
  prefix: string;
  nameZh: string;
  nameEn: string;
}

/** What a code says, without its text: the input of {@link formatStandardCode}. */
export interface StandardCodeParts {
  level: StandardLevel;
  /**
   * Issuer as written in the prefix: `ISO`, `ISO/IEC`, `ITU-T`, `ASTM`, `BS EN ISO`, `GB`, `JB`,
   * `DB50`, the group (`CAS` of `T/CAS`) or the enterprise (`ABC` of `Q/ABC`).
   */
  body: string;
  nature: StandardNature;
  /** Text, not a number: leading zeros (`Q/ABC 001`) and letters (`X.509`, `D638`) matter. */
  number: string;
  /** `1` of `ISO 19115-1`, `2-24` of `IEC 60335-2-24`, `1` of `GB 4706.1`. */
  part?: string;
  year?: number;
  amendment?: Amendment;
  deliverable?: IsoDeliverable;
  /** Industry standards: the sector of the prefix (`JB` machinery). */
  sector?: IndustrySector;
  /** Local standards: province or city code (`50` Chongqing); enterprises: the optional area code. */
  region?: string;
}

export interface ParsedStandardCode extends StandardCodeParts {
  /** The canonical text: `formatStandardCode` of the other fields. */
  normalized: string;
}
