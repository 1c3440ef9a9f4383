import { isoCommittee, type IsoCommittee } from '@highland/reference-data';
import { failure, type Failure } from './domain-error.js';
import { normalizeCodeText, upperAscii } from './standard-code/normalize.js';

/**
 * A committee a seat is held on: a national (SAC) technical committee, subcommittee or working
 * group, or an ISO committee from the official list.
 */
export interface CommitteeRef {
  /** Canonical text: `SAC/TC 184/SC 5/WG 2`; ISO ones as the official list writes them (`ISO/TC 184/SC 5`). */
  normalized: string;
  scope: 'national' | 'iso';
  /** `SAC`, `ISO`, `ISO/IEC`, … */
  body: string;
  tc?: number;
  sc?: number;
  wg?: number;
  /** ISO committees: the matching entry of the official list (for a WG, that of its parent). */
  iso?: IsoCommittee;
}

export type ParseCommitteeResult = { ok: true; committee: CommitteeRef } | Failure;

const NATIONAL = /^SAC ?\/ ?TC ?(\d+)(?: ?\/ ?SC ?(\d+))?(?: ?\/ ?WG ?(\d+))?$/;
// ISO/TC n, ISO/PC n, ISO/IEC JTC n, each with optional /SC n and /WG n.
const ISO =
  /^(ISO|ISO ?\/ ?IEC|IEC ?\/ ?ISO) ?[/ ] ?(TC|PC|JTC) ?(\d+)(?: ?\/ ?SC ?(\d+))?(?: ?\/ ?WG ?(\d+))?$/;

function positive(text: string | undefined, what: string): number | Failure | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  return n >= 1 ? n : failure(`${what} number must be 1 or more`);
}

function numbers(tc: string | undefined, sc: string | undefined, wg: string | undefined) {
  const values = [positive(tc, 'TC'), positive(sc, 'SC'), positive(wg, 'WG')];
  const bad = values.find((v): v is Failure => typeof v === 'object');
  if (bad) return bad;
  const [t, s, w] = values as (number | undefined)[];
  const out: Pick<CommitteeRef, 'tc' | 'sc' | 'wg'> = {};
  if (t !== undefined) out.tc = t;
  if (s !== undefined) out.sc = s;
  if (w !== undefined) out.wg = w;
  return out;
}

function path(head: string, sc?: number, wg?: number): string {
  return `${head}${sc === undefined ? '' : `/SC ${sc}`}${wg === undefined ? '' : `/WG ${wg}`}`;
}

function parseNational(match: RegExpExecArray): ParseCommitteeResult {
  const n = numbers(match[1], match[2], match[3]);
  if ('ok' in n) return n;
  return {
    ok: true,
    committee: { normalized: path(`SAC/TC ${n.tc}`, n.sc, n.wg), scope: 'national', body: 'SAC', ...n },
  };
}

function parseIso(match: RegExpExecArray): ParseCommitteeResult {
  const body = match[1]?.replace(/ /g, '') ?? 'ISO';
  const kind = match[2] ?? 'TC';
  const n = numbers(match[3], match[4], match[5]);
  if ('ok' in n) return n;
  const head = kind === 'JTC' ? `${body} JTC ${n.tc}` : `${body}/${kind} ${n.tc}`;
  // The official list has TCs and SCs, not working groups: a WG is checked through its parent.
  const listed = path(head, n.sc);
  const iso = isoCommittee(listed);
  if (!iso) return failure(`unknown ISO committee '${listed}'`);
  // Written as ISO writes it (the list has a few irregular spellings), plus the WG if any.
  const normalized = path(iso.reference, undefined, n.wg);
  return { ok: true, committee: { normalized, scope: 'iso', body, ...n, iso } };
}

/** Parses and validates `SAC/TC 184/SC 5/WG 2` or `ISO/TC 184/SC 5` (ISO ones against the list). */
export function parseCommitteeRef(input: string): ParseCommitteeResult {
  const text = upperAscii(normalizeCodeText(input));
  if (text === '') return failure('committee reference is empty');
  const national = NATIONAL.exec(text);
  if (national) return parseNational(national);
  const iso = ISO.exec(text);
  if (iso) return parseIso(iso);
  // Bodies without TC numbering (`ISO/WS ESG`, `IEC/ISO JSyC BDC`) are taken as the list writes them.
  const listed = isoCommittee(text);
  if (listed) {
    const body = /^(ISO\/IEC|IEC\/ISO|ISO|IEC)/.exec(listed.reference)?.[1] ?? 'ISO';
    return { ok: true, committee: { normalized: listed.reference, scope: 'iso', body, iso: listed } };
  }
  if (text.startsWith('SAC'))
    return failure(`malformed national committee '${text}': expected SAC/TC n[/SC n][/WG n]`);
  if (/^(ISO|IEC)/.test(text)) return failure(`unknown ISO committee '${text}'`);
  return failure(`unknown committee body in '${text}': expected SAC/TC … or ISO/TC …`);
}
