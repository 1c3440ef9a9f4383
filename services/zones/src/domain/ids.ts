// A pure SHA-256 (no Node API): domain code stays free of platform modules.
import { sha256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';

/**
 * A zone's id is derived from its name (NFKC, trimmed, case-folded): the same zone proposed twice,
 * or imported twice, is the same aggregate, settled by JetStream's expected sequence.
 */
export function zoneId(name: string): string {
  const text = name.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
  return `zone-${Buffer.from(sha256(utf8ToBytes(text)))
    .toString('base64url')
    .slice(0, 22)}`;
}
