import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { wtoMember } from '@highland/reference-data';
import type { Area } from './area.js';
import type { IsoDate } from './dates.js';
import {
  findSymbols,
  formatSymbol,
  parseSymbol,
  type NotificationSymbol,
  type SymbolStep,
} from './symbol.js';
import { contentKey } from './text.js';

/**
 * How a notification is known when its symbol may be missing (real ePing exports leave
 * `Document symbol` empty), strongest first:
 * - `symbol`: the symbol given (`G/TBT/N/EU/1050/Add.1`);
 * - `link-symbol`: a symbol read from a link (docs.wto.org file names such as
 *   `G/TBTN25/CHN1234A1.DOCX`, or a symbol written in the URL);
 * - `document-id`: the WTO document number in a members.wto.org attachment link
 *   (`crnattachments/2025/SPS/CHN/25_03798_00_x.pdf` → `crn:SPS/CHN/25_03798`, shared by the
 *   English, French, Spanish and original-language files of one submission);
 * - `content-hash`: SHA-256 of member, distribution date, notification type, title and
 *   description (case, width and spacing folded). The description is in it because one member
 *   sends several addenda with one title on one day (the sample has two from Thailand).
 */
export type IdentitySource = 'symbol' | 'link-symbol' | 'document-id' | 'content-hash';

export interface NotificationIdentity {
  key: string;
  source: IdentitySource;
}

/** What a link tells about the notification it belongs to. */
export interface LinkFacts {
  symbol?: NotificationSymbol;
  /** `crn:SPS/CHN/25_03798` for members.wto.org attachments. */
  documentId?: string;
  area?: Area;
  /** Canonical member code (`EEC` in paths → `EU`). */
  member?: string;
}

const CRN =
  /\/crnattachments\/\d{4}\/(TBT|SPS)\/([A-Za-z]{2,4})\/(?:[^/?#]+\/)*(\d{2})_(\d{3,6})_\d{2}_[a-z]+\.[a-z0-9]+/i;
const DIRECTDOC = /G\/(TBT|SPS)N\d{2}\/([A-Z]{2,4})(\d{1,6})((?:[ACR]\d{1,3})*)\.(?:DOCX?|PDF)\b/i;
const STEP_LETTER: Readonly<Record<string, SymbolStep['kind']>> = { A: 'Add', C: 'Corr', R: 'Rev' };

function decoded(url: string): string {
  try {
    return decodeURIComponent(url.replace(/\+/g, ' '));
  } catch {
    return url;
  }
}

/** Reads the symbol, document number, area and member a link reveals; `{}` when it reveals nothing. */
export function linkFacts(url: string): LinkFacts {
  const text = decoded(url.trim());
  const facts: LinkFacts = {};
  const written = findSymbols(text)[0];
  if (written !== undefined) facts.symbol = written;
  const doc = DIRECTDOC.exec(text);
  if (doc && facts.symbol === undefined) {
    const chain = [...(doc[4] ?? '').matchAll(/([ACR])(\d{1,3})/gi)].map((m) => ({
      kind: STEP_LETTER[m[1]!.toUpperCase()]!,
      n: Number(m[2]),
    }));
    const parsed = parseSymbol(
      formatSymbol({
        area: doc[1]!.toUpperCase() as Area,
        member: doc[2]!.toUpperCase(),
        number: Number(doc[3]),
        chain,
      }),
    );
    if (parsed.ok) facts.symbol = parsed.symbol;
  }
  const crn = CRN.exec(text);
  if (crn) {
    const area = crn[1]!.toUpperCase() as Area;
    const member = wtoMember(crn[2]!)?.code ?? crn[2]!.toUpperCase();
    facts.documentId = `crn:${area}/${member}/${crn[3]}_${crn[4]!.padStart(5, '0')}`;
    facts.area = area;
    facts.member = member;
  }
  if (facts.symbol !== undefined) {
    facts.area = facts.symbol.area;
    facts.member = facts.symbol.memberCode;
  }
  return facts;
}

export interface IdentityInput {
  symbol?: NotificationSymbol;
  links: readonly string[];
  member: string;
  distributedOn: IsoDate;
  notificationType: string;
  title: string;
  description: string;
}

/** SHA-256 of the content that tells one notification from another, as `hash:<24 hex>`. */
export function contentHash(input: Omit<IdentityInput, 'symbol' | 'links'>): string {
  const parts = [
    input.member.toUpperCase(),
    input.distributedOn,
    contentKey(input.notificationType),
    contentKey(input.title),
    contentKey(input.description),
  ];
  // A pure-JS SHA-256 (same digest as node:crypto's): domain code stays free of Node modules.
  return `hash:${bytesToHex(sha256(utf8ToBytes(JSON.stringify(parts)))).slice(0, 24)}`;
}

/**
 * The identity of a notification (see {@link IdentitySource}), and the symbol a link revealed
 * when the row had none. Among several links the facts of the first that tells anything are
 * used for the symbol; the smallest document number is used for the document id, so the order
 * of links in a cell does not change the key.
 */
export function deriveIdentity(input: IdentityInput): {
  identity: NotificationIdentity;
  linkSymbol?: NotificationSymbol;
} {
  if (input.symbol !== undefined) return { identity: { key: input.symbol.normalized, source: 'symbol' } };
  const facts = input.links.map(linkFacts);
  const linkSymbol = facts.find((f) => f.symbol !== undefined)?.symbol;
  if (linkSymbol !== undefined) {
    return { identity: { key: linkSymbol.normalized, source: 'link-symbol' }, linkSymbol };
  }
  const documentIds = facts.flatMap((f) => (f.documentId === undefined ? [] : [f.documentId])).sort();
  if (documentIds[0] !== undefined) return { identity: { key: documentIds[0], source: 'document-id' } };
  return { identity: { key: contentHash(input), source: 'content-hash' } };
}
