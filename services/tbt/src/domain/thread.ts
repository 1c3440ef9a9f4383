import type { Area } from './area.js';
import { findDates, type IsoDate } from './dates.js';
import type { NotificationDraft, NotificationKind } from './notification.js';
import { compareSymbols, parseSymbol, type NotificationSymbol } from './symbol.js';
import { excerpt } from './text.js';

/**
 * Notification threads: a notification and its addenda, corrigenda and revisions (with their own
 * addenda). The thread's comment deadline and status follow its documents in order, the latest
 * one last: an addendum may move the deadline or record adoption, entry into force or
 * withdrawal; a revision is a new draft and re-opens the thread.
 */
export type ThreadDocument = Pick<
  NotificationDraft,
  | 'identity'
  | 'symbol'
  | 'kind'
  | 'area'
  | 'member'
  | 'distributedOn'
  | 'title'
  | 'description'
  | 'keywords'
  | 'commentDeadline'
  | 'proposedAdoption'
  | 'proposedEntryIntoForce'
  | 'referencedSymbols'
>;

/**
 * How a document found its thread: its own symbol; for an addendum, corrigendum or revision
 * without one, a symbol of the same member its text quotes (`The draft texts notified in
 * G/TBT/N/TPKM/541 were adopted …`); otherwise it starts a thread of its own, keyed by its
 * identity.
 */
export type ThreadKeySource = 'symbol' | 'referenced-symbol' | 'own';

export type ThreadStatus = 'notified' | 'adopted' | 'in-force' | 'withdrawn';

export type ThreadEventKind =
  | 'notified'
  | 'revised'
  | 'comment-period-extended'
  | 'adopted'
  | 'published'
  | 'entered-into-force'
  | 'withdrawn'
  | 'modified'
  | 'corrected';

export interface ThreadEvent {
  kind: ThreadEventKind;
  /** Identity key of the document that says so. */
  document: string;
  distributedOn: IsoDate;
  /** The date the event takes (new deadline, adoption, entry into force), when stated. */
  date?: IsoDate;
  /** The words that triggered the rule, or the field it came from. */
  evidence: string;
}

export interface NotificationThread {
  key: string;
  keySource: ThreadKeySource;
  area: Area;
  member: string;
  /** In order: by distribution date, then symbol (original, addenda, revisions), then kind. */
  documents: ThreadDocument[];
  latest: ThreadDocument;
  status: ThreadStatus;
  commentDeadline?: IsoDate;
  adoptedOn?: IsoDate;
  entryIntoForceOn?: IsoDate;
  withdrawnOn?: IsoDate;
  events: ThreadEvent[];
}

function symbolOf(doc: ThreadDocument): NotificationSymbol | undefined {
  if (doc.symbol === undefined) return undefined;
  const parsed = parseSymbol(doc.symbol);
  return parsed.ok ? parsed.symbol : undefined;
}

const FOLLOW_UPS: ReadonlySet<NotificationKind> = new Set(['addendum', 'corrigendum', 'revision']);

/** The thread a document belongs to (see {@link ThreadKeySource}). */
export function threadKeyOf(doc: ThreadDocument): { key: string; source: ThreadKeySource } {
  const own = symbolOf(doc);
  if (own !== undefined) return { key: own.threadKey, source: 'symbol' };
  if (FOLLOW_UPS.has(doc.kind)) {
    for (const text of doc.referencedSymbols) {
      const parsed = parseSymbol(text);
      if (parsed.ok && parsed.symbol.memberCode === doc.member && parsed.symbol.area === doc.area) {
        return { key: parsed.symbol.threadKey, source: 'referenced-symbol' };
      }
    }
  }
  return { key: doc.identity.key, source: 'own' };
}

interface Rule {
  kind: ThreadEventKind;
  pattern: RegExp;
}

/**
 * Simple rules over an addendum's or corrigendum's title, description and keywords. ePing's
 * keywords name the purpose of many addenda (`Adoption/publication/entry into force of reg.`,
 * `Withdrawal of the measure`, `Modification of content/scope of regulation`); the text rules
 * catch the rest. Stated-but-unknown dates (`Date of entry into force: To be determined`) do
 * not count.
 */
const RULES: readonly Rule[] = [
  {
    kind: 'comment-period-extended',
    pattern:
      /\bextension of the (?:final date for |deadline for )?(?:comment(?:ing|s)?|consultation) period\b|\bextend(?:s|ed|ing)? the (?:final )?(?:date|deadline|period) for (?:the )?(?:submission of )?comments\b|\b(?:comment(?:ing|s)? period|(?:final )?date for (?:receipt of )?comments|deadline for comments)(?: has been| is| was| will be)? (?:extended|re-?opened)\b|\bre-?open(?:s|ed|ing)? the comment(?:ing|s)? period\b/i,
  },
  {
    kind: 'withdrawn',
    pattern:
      /\bwithdrawal of the (?:measure|notification|draft|regulation|proposal)\b|\b(?:has been|have been|was|were|is|are) (?:formally |officially )?(?:withdrawn|revoked|repealed|rescinded)\b|\blift(?:s|ed|ing)? the (?:temporary )?(?:suspension|ban|prohibition|restrictions?)\b/i,
  },
  {
    kind: 'adopted',
    pattern:
      /\badoption\/publication\/entry into force\b|\b(?:has been|have been|was|were|is|are|had been) (?:formally |officially |finally )?(?:adopted|approved)\b|\badopted on\b|\bfinal (?:rule|regulation|text|texts|measure|order|decision|version)\b/i,
  },
  {
    kind: 'published',
    pattern: /\b(?:has been|have been|was|were) published\b|\bpublished (?:in|on) the\b/i,
  },
  {
    kind: 'entered-into-force',
    pattern:
      /\b(?:(?<!publication\/)entry into force|enter(?:s|ed)? into force|came into force|come into force|effective date|take[sn]? effect|took effect|came into effect)\b/i,
  },
  {
    kind: 'modified',
    pattern:
      /\bmodification of (?:the )?content\/scope\b|\b(?:has been|have been|was|were) (?:modified|amended)\b/i,
  },
];

const UNKNOWN_DATE =
  /^[\s:,.-]*(?:is |was |will be )?(?:to be determined|tbd|not yet (?:known|determined)|unknown|n\/a)/i;

/** The first date written within `window` characters after `at`, if the words there are not "to be determined". */
function dateAfter(text: string, at: number, window = 160): IsoDate | undefined | null {
  const tail = text.slice(at, at + window);
  if (UNKNOWN_DATE.test(tail)) return null;
  return findDates(tail)[0]?.date;
}

/**
 * The first place a rule's words occur that is not followed by "to be determined" (for the
 * rules that announce a date), with the date written right after it, if any.
 */
function firstUsableMatch(rule: Rule, text: string): { words: string; date?: IsoDate } | undefined {
  const dated = rule.kind === 'entered-into-force' || rule.kind === 'adopted';
  for (const match of text.matchAll(new RegExp(rule.pattern.source, 'gi'))) {
    const after = dateAfter(text, match.index + match[0].length);
    if (after === null && dated && !/^adoption\/publication/i.test(match[0])) continue;
    return after === null || after === undefined ? { words: match[0] } : { words: match[0], date: after };
  }
  return undefined;
}

/**
 * What a follow-up document records, by the rules above, with the words that triggered each.
 * Root notifications and revisions are events of their own (`notified`, `revised`).
 */
export function classifyDocument(doc: ThreadDocument): ThreadEvent[] {
  const base = { document: doc.identity.key, distributedOn: doc.distributedOn };
  if (doc.kind === 'regular' || doc.kind === 'emergency')
    return [{ kind: 'notified', ...base, evidence: doc.kind }];
  if (doc.kind === 'revision') return [{ kind: 'revised', ...base, evidence: 'revision' }];
  const events: ThreadEvent[] = [];
  if (doc.kind === 'corrigendum') events.push({ kind: 'corrected', ...base, evidence: 'corrigendum' });
  const text = `${doc.title}\n${doc.description}\n${doc.keywords.join('; ')}`;
  for (const rule of RULES) {
    const found = firstUsableMatch(rule, text);
    if (found === undefined) continue;
    const event: ThreadEvent = { kind: rule.kind, ...base, evidence: excerpt(found.words, 80) };
    let date: IsoDate | undefined = found.date;
    if (rule.kind === 'comment-period-extended') date = doc.commentDeadline ?? date;
    if (rule.kind === 'entered-into-force') date ??= doc.proposedEntryIntoForce;
    if (rule.kind === 'adopted') date ??= doc.proposedAdoption;
    if (date !== undefined) event.date = date;
    events.push(event);
  }
  return events;
}

const KIND_RANK: Readonly<Record<NotificationKind, number>> = {
  regular: 0,
  emergency: 0,
  revision: 1,
  addendum: 2,
  corrigendum: 3,
};

function compareDocuments(a: ThreadDocument, b: ThreadDocument): number {
  if (a.distributedOn !== b.distributedOn) return a.distributedOn < b.distributedOn ? -1 : 1;
  const sa = symbolOf(a);
  const sb = symbolOf(b);
  if (sa !== undefined && sb !== undefined) {
    const bySymbol = compareSymbols(sa, sb);
    if (bySymbol !== 0) return bySymbol;
  }
  const byKind = KIND_RANK[a.kind] - KIND_RANK[b.kind];
  if (byKind !== 0) return byKind;
  return a.identity.key < b.identity.key ? -1 : a.identity.key > b.identity.key ? 1 : 0;
}

const STATUS_RANK: Readonly<Record<ThreadStatus, number>> = {
  notified: 0,
  adopted: 1,
  'in-force': 2,
  withdrawn: 3,
};

/**
 * Folds one thread's documents (all with the same {@link threadKeyOf}) in order:
 * - a notification or revision sets the deadline to its own (a revision is a new draft:
 *   status back to `notified`);
 * - an addendum or corrigendum that extends the comment period, or simply carries a final date
 *   for comments, moves the deadline to that date;
 * - adoption, publication, entry into force and withdrawal raise the status (`notified` <
 *   `adopted` < `in-force` < `withdrawn`); it never goes back except through a revision.
 */
export function buildThread(documents: readonly ThreadDocument[]): NotificationThread {
  if (documents.length === 0) throw new Error('a thread needs at least one document');
  const ordered = [...documents].sort(compareDocuments);
  const first = ordered[0]!;
  const keys = ordered.map(threadKeyOf);
  const key = keys[0]!.key;
  for (const [i, other] of keys.entries()) {
    if (other.key !== key) {
      throw new Error(`document ${ordered[i]!.identity.key} belongs to thread ${other.key}, not ${key}`);
    }
  }
  const sources = new Set(keys.map((k) => k.source));
  const source: ThreadKeySource = sources.has('symbol')
    ? 'symbol'
    : sources.has('referenced-symbol')
      ? 'referenced-symbol'
      : 'own';
  const thread: NotificationThread = {
    key,
    keySource: source,
    area: first.area,
    member: first.member,
    documents: ordered,
    latest: ordered.at(-1)!,
    status: 'notified',
    events: [],
  };
  const raise = (status: ThreadStatus) => {
    if (STATUS_RANK[status] > STATUS_RANK[thread.status]) thread.status = status;
  };
  for (const doc of ordered) {
    const events = classifyDocument(doc);
    thread.events.push(...events);
    if (doc.kind === 'regular' || doc.kind === 'emergency' || doc.kind === 'revision') {
      thread.status = 'notified';
      if (doc.commentDeadline === undefined) delete thread.commentDeadline;
      else thread.commentDeadline = doc.commentDeadline;
      delete thread.adoptedOn;
      delete thread.entryIntoForceOn;
      delete thread.withdrawnOn;
      continue;
    }
    const extension = events.find((e) => e.kind === 'comment-period-extended');
    const deadline = extension?.date ?? doc.commentDeadline;
    if (deadline !== undefined) thread.commentDeadline = deadline;
    for (const event of events) {
      if (event.kind === 'adopted' || event.kind === 'published') {
        raise('adopted');
        thread.adoptedOn ??= event.date ?? doc.distributedOn;
      } else if (event.kind === 'entered-into-force') {
        raise('in-force');
        thread.entryIntoForceOn = event.date ?? doc.distributedOn;
      } else if (event.kind === 'withdrawn') {
        raise('withdrawn');
        thread.withdrawnOn = event.date ?? doc.distributedOn;
      }
    }
  }
  return thread;
}

/** Groups documents into threads (see {@link threadKeyOf}) and folds each; threads by key. */
export function buildThreads(documents: readonly ThreadDocument[]): Map<string, NotificationThread> {
  const groups = new Map<string, ThreadDocument[]>();
  for (const doc of documents) {
    const { key } = threadKeyOf(doc);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [doc]);
    else group.push(doc);
  }
  return new Map([...groups].map(([key, docs]) => [key, buildThread(docs)]));
}

/** Whether comments are still accepted on `today` (district calendar date): deadline day included. */
export function isOpenForComments(thread: NotificationThread, today: IsoDate): boolean {
  if (thread.status === 'withdrawn' || thread.commentDeadline === undefined) return false;
  return today <= thread.commentDeadline;
}
