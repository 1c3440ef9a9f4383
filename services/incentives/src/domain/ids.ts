// A pure SHA-256 (no Node API): domain code stays free of platform modules (like the registry's ids).
import { sha256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';

/** Aggregate ids derived from business keys: the same thing twice is the same aggregate. */
function key(prefix: string, ...parts: string[]): string {
  const text = parts.map((p) => p.normalize('NFKC').trim().toLowerCase()).join('\u0000');
  const digest = Buffer.from(sha256(utf8ToBytes(text)))
    .toString('base64url')
    .slice(0, 22);
  return `${prefix}-${digest}`;
}

export const programmeId = (slug: string) => `prog-${slug}`;
/** One ledger per programme: every reservation and payment of it is settled on this aggregate. */
export const ledgerId = (slug: string) => `ledger-${slug}`;
export const participantId = (slug: string) => `part-${slug}`;
/**
 * One claim per (programme, item, role): the first application to record it holds it, the
 * JetStream expected sequence (0 for a new aggregate) refuses every later one.
 */
export const claimId = (programme: string, claimKey: string) => key('claim', programme, claimKey);
/** An instalment's instruction reference: one per application and instalment number. */
export const instructionRef = (applicationId: string, instalment: number) => `${applicationId}#${instalment}`;
