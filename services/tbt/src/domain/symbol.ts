import { wtoMember } from '@highland/reference-data';
import type { Area } from './area.js';
import { failure, type Failure } from './domain-error.js';

/**
 * WTO notification symbols: `G/TBT/N/<member>/<n>` (or `G/SPS/N/…`), optionally followed by a
 * chain of `/Add.k` (addendum), `/Corr.k` (corrigendum) and `/Rev.k` (revision), e.g.
 * `G/TBT/N/EU/1050/Rev.1/Add.1`: addendum 1 to revision 1 of the EU's notification 1050.
 */
export const SUFFIX_KINDS = ['Add', 'Corr', 'Rev'] as const;
export type SuffixKind = (typeof SUFFIX_KINDS)[number];

export interface SymbolStep {
  kind: SuffixKind;
  n: number;
}

/** What the document is, read from the last step of its chain. */
export type SymbolDocumentKind = 'notification' | 'addendum' | 'corrigendum' | 'revision';

export interface NotificationSymbol {
  /** `G/TBT/N/EU/1050/Rev.1/Add.1`: canonical spelling, no spaces, no leading zeros. */
  normalized: string;
  area: Area;
  /** The member code as written in the symbol (`EU`, `TPKM`, `EEC` for old EU symbols). */
  member: string;
  /** The member's current code (`EEC` → `EU`). */
  memberCode: string;
  number: number;
  chain: SymbolStep[];
  kind: SymbolDocumentKind;
  /**
   * The document this one attaches to, as a notification: the symbol without its trailing
   * addenda and corrigenda. A revision is a base document of its own (`…/1050/Rev.1/Add.1` →
   * `…/1050/Rev.1`; `…/1050/Add.1/Corr.1` → `…/1050`; `…/1050/Rev.1` → itself).
   */
  base: string;
  /** The symbol without its last step (`…/Add.1/Corr.1` → `…/Add.1`); absent for `…/<n>`. */
  parent?: string;
  /**
   * The thread every document of this notification belongs to, revisions included: the
   * original notification's symbol (`G/TBT/N/EU/1050`).
   */
  threadKey: string;
}

const KIND_OF_STEP: Readonly<Record<SuffixKind, SymbolDocumentKind>> = {
  Add: 'addendum',
  Corr: 'corrigendum',
  Rev: 'revision',
};

/** Chains longer than this are not WTO practice; refusing them keeps garbage out. */
const MAX_CHAIN = 4;

/** `G/TBT/N/EU/1050` style text from its parts. */
export function formatSymbol(parts: {
  area: Area;
  member: string;
  number: number;
  chain?: readonly SymbolStep[];
}): string {
  const steps = (parts.chain ?? []).map((s) => `/${s.kind}.${s.n}`).join('');
  return `G/${parts.area}/N/${parts.member}/${parts.number}${steps}`;
}

/** Full-width forms folded, spaces around slashes and inside `Add. 1` removed. */
function normalizeText(input: string): string {
  return input
    .normalize('NFKC')
    .trim()
    .replace(/\s*\/\s*/g, '/')
    .replace(/\s+/g, ' ');
}

function stepOf(segment: string): SymbolStep | undefined {
  const match = /^(add|corr|rev)\.? ?(\d{1,3})$/i.exec(segment);
  if (!match) return undefined;
  const word = match[1]!.toLowerCase();
  const kind: SuffixKind = word === 'add' ? 'Add' : word === 'corr' ? 'Corr' : 'Rev';
  return { kind, n: Number(match[2]) };
}

/** The member code as WTO symbols accept it: a member's code or one of its older codes. */
function symbolMemberCode(code: string): string | undefined {
  const member = wtoMember(code);
  if (member === undefined) return undefined;
  return member.code === code || member.otherCodes.includes(code) ? member.code : undefined;
}

/**
 * Parses and normalises a notification symbol. Case, full-width characters, spaces around
 * slashes, `Add 1` / `ADD.1` spellings and leading zeros are forgiven; anything else is refused
 * with the segment at fault and its position.
 */
export function parseSymbol(input: string): { ok: true; symbol: NotificationSymbol } | Failure {
  const text = normalizeText(input);
  if (text === '') return failure('a notification symbol is empty', { field: 'symbol' });
  const segments = text.split('/');
  const positions: number[] = [];
  segments.reduce((at, segment) => (positions.push(at), at + segment.length + 1), 0);
  const at = (i: number) => ({ field: 'symbol', position: positions[i] ?? text.length });

  const [g, areaText, n, memberText, numberText, ...steps] = segments;
  if (g?.toUpperCase() !== 'G') {
    return failure(`symbol '${text}' must start with G/TBT/N/ or G/SPS/N/`, at(0));
  }
  const area = areaText?.toUpperCase();
  if (area !== 'TBT' && area !== 'SPS') {
    return failure(`symbol '${text}': '${areaText ?? ''}' is not TBT or SPS (G/TBT/N/… or G/SPS/N/…)`, at(1));
  }
  if (n?.toUpperCase() !== 'N') {
    return failure(`symbol '${text}': expected N (notification series) after G/${area}/`, at(2));
  }
  const member = memberText?.toUpperCase() ?? '';
  if (!/^[A-Z]{2,4}$/.test(member)) {
    return failure(
      `symbol '${text}': '${memberText ?? ''}' is not a member code (2–4 letters, e.g. CHN, EU)`,
      at(3),
    );
  }
  const memberCode = symbolMemberCode(member);
  if (memberCode === undefined) {
    return failure(`symbol '${text}': '${member}' is not the code of a WTO member`, at(3));
  }
  if (numberText === undefined || numberText === '') {
    return failure(`symbol '${text}' has no notification number after the member code`, at(4));
  }
  if (!/^\d{1,6}$/.test(numberText) || Number(numberText) === 0) {
    return failure(
      `symbol '${text}': notification number '${numberText}' must be a positive whole number`,
      at(4),
    );
  }
  if (steps.length > MAX_CHAIN) {
    return failure(
      `symbol '${text}' chains ${steps.length} suffixes; at most ${MAX_CHAIN} are accepted`,
      at(5),
    );
  }
  const chain: SymbolStep[] = [];
  for (const [i, segment] of steps.entries()) {
    const step = stepOf(segment);
    if (step === undefined) {
      return failure(
        `symbol '${text}': '${segment}' is not a suffix (expected Add.k, Corr.k or Rev.k)`,
        at(5 + i),
      );
    }
    if (step.n === 0) {
      return failure(`symbol '${text}': ${step.kind}.0 — suffix numbers start at 1`, at(5 + i));
    }
    chain.push(step);
  }
  const parts = { area, member, number: Number(numberText) } as const;
  let baseLength = chain.length;
  while (baseLength > 0 && chain[baseLength - 1]!.kind !== 'Rev') baseLength -= 1;
  const last = chain.at(-1);
  const symbol: NotificationSymbol = {
    normalized: formatSymbol({ ...parts, chain }),
    ...parts,
    memberCode,
    chain,
    kind: last === undefined ? 'notification' : KIND_OF_STEP[last.kind],
    base: formatSymbol({ ...parts, chain: chain.slice(0, baseLength) }),
    threadKey: formatSymbol(parts),
  };
  if (chain.length > 0) symbol.parent = formatSymbol({ ...parts, chain: chain.slice(0, -1) });
  return { ok: true, symbol };
}

const SYMBOL_IN_TEXT =
  /G\s*\/\s*(?:TBT|SPS)\s*\/\s*N\s*\/\s*[A-Z]{2,4}\s*\/\s*\d{1,6}(?:\s*\/\s*(?:Add|Corr|Rev)\.?\s*\d{1,3})*/gi;

/**
 * Every well-formed symbol mentioned in free text, normalised, in order of first mention
 * (`… notified in G/TBT/N/TPKM/541 were adopted …` → `['G/TBT/N/TPKM/541']`).
 */
export function findSymbols(text: string): NotificationSymbol[] {
  const found = new Map<string, NotificationSymbol>();
  for (const match of text.normalize('NFKC').matchAll(SYMBOL_IN_TEXT)) {
    const parsed = parseSymbol(match[0]);
    if (parsed.ok && !found.has(parsed.symbol.normalized)) found.set(parsed.symbol.normalized, parsed.symbol);
  }
  return [...found.values()];
}

const STEP_RANK: Readonly<Record<SuffixKind, number>> = { Add: 0, Corr: 1, Rev: 2 };

/**
 * A stable order for symbols: by thread, then step by step along the chain (addenda, then
 * corrigenda, then revisions, each by number), a document before its own addenda. Threads sort
 * documents by distribution date first; this breaks ties.
 */
export function compareSymbols(a: NotificationSymbol, b: NotificationSymbol): number {
  if (a.threadKey !== b.threadKey) return a.threadKey < b.threadKey ? -1 : 1;
  const length = Math.min(a.chain.length, b.chain.length);
  for (let i = 0; i < length; i += 1) {
    const x = a.chain[i]!;
    const y = b.chain[i]!;
    if (x.kind !== y.kind) return STEP_RANK[x.kind] - STEP_RANK[y.kind];
    if (x.n !== y.n) return x.n - y.n;
  }
  return a.chain.length - b.chain.length;
}
