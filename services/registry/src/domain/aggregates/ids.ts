// A pure SHA-256 (no Node API): domain code stays free of platform modules, and ids are the
// same digests node:crypto gave (pinned by ids.unit.spec.ts).
import { sha256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';

/** Aggregate ids are derived from business keys, so the same thing posted twice is the same aggregate. */
function key(prefix: string, ...parts: string[]): string {
  const text = parts.map((p) => p.normalize('NFKC').trim().toLowerCase()).join('\u0000');
  const digest = Buffer.from(sha256(utf8ToBytes(text))).toString('base64url').slice(0, 22);
  return `${prefix}-${digest}`;
}

export const standardId = (normalizedCode: string) => key('std', normalizedCode);
export const keyProductId = (enterprise: string, product: string) => key('kp', enterprise, product);
export const filingId = (enterprise: string, standardCode: string) => key('fil', enterprise, standardCode);
export const seatId = (committee: string, holder: string) => key('seat', committee, holder);
export const certificationId = (
  enterprise: string,
  authorityLevel: string,
  level: string,
  certifiedOn: string,
) => key('cert', enterprise, authorityLevel, level, certifiedOn);
export const catalogueId = (reference: string) => key('cat', reference);
