import { findWtoMember } from '@highland/reference-data';
import { isArea, type Area } from './area.js';
import { resolveCell } from './cells.js';
import { parseHsCodes, parseIcsCodes } from './codes.js';
import { readDate, type IsoDate } from './dates.js';
import type { DomainError } from './domain-error.js';
import { deriveIdentity, linkFacts } from './identity.js';
import {
  parseNotificationType,
  type AreaSource,
  type NotificationDraft,
  type NotificationKind,
  type NotificationLinks,
} from './notification.js';
import { findSymbols, parseSymbol, type NotificationSymbol } from './symbol.js';
import { cleanText, excerpt, splitList, uniqueBy } from './text.js';

/** The fields of a notification as ePing exports them, with their export column headers. */
export const EPING_COLUMNS = {
  member: 'Notifying Member',
  distributedOn: 'Distribution date',
  symbol: 'Document symbol',
  title: 'Title',
  description: 'Description',
  products: 'Products covered',
  hsCodes: 'HS code(s)',
  icsCodes: 'ICS code(s)',
  objectives: 'Objectives',
  keywords: 'Keywords',
  regions: 'Specific regions or countries likely to be affected',
  commentDeadline: 'Final date for comments',
  notificationType: 'Notification type',
  documents: 'Notified document',
  linkEn: 'Link to notification(EN)',
  linkFr: 'Link to notification(FR)',
  linkEs: 'Link to notification(ES)',
} as const;

/** Columns of the full ePing export (two spaces inside the names, as ePing writes them). */
export const EPING_OPTIONAL_COLUMNS = {
  proposedAdoption: 'Proposed adoption  date',
  proposedEntryIntoForce: 'Proposed entry  into  force date',
} as const;

export type EpingField = keyof typeof EPING_COLUMNS | keyof typeof EPING_OPTIONAL_COLUMNS;

/** One notification's cells, by field: strings, spreadsheet cell values, or string arrays (JSON). */
export type EpingCells = Partial<Record<EpingField, unknown>>;

export interface DraftOptions {
  /** How a field is named in messages: the export column by default; JSON bodies use their keys. */
  label?: (field: EpingField) => string;
  date1904?: boolean;
}

export type DraftResult =
  | { ok: true; draft: NotificationDraft; warnings: string[] }
  | { ok: false; errors: DomainError[]; warnings: string[] };

const COLUMN_OF: Readonly<Record<EpingField, string>> = { ...EPING_COLUMNS, ...EPING_OPTIONAL_COLUMNS };

/** `(TBT)` / `(SPS)` tags that ePing puts on objectives. */
function areaOfObjectives(objectives: readonly string[]): Area | undefined {
  const tags = new Set(objectives.flatMap((o) => [...(/\((TBT|SPS)\)\s*$/i.exec(o)?.slice(1, 2) ?? [])]));
  const only = tags.size === 1 ? [...tags][0]!.toUpperCase() : undefined;
  return only !== undefined && isArea(only) ? only : undefined;
}

/** The symbol in an ePing search link's `viewData` parameter, if any. */
function viewDataSymbol(url: string): string | undefined {
  const m = /[?&]viewData=([^&#]+)/i.exec(url);
  if (!m) return undefined;
  try {
    return decodeURIComponent(m[1]!.replace(/\+/g, ' ')).trim() || undefined;
  } catch {
    return undefined;
  }
}

/**
 * Reads one notification's cells into a draft, collecting every problem of the row rather than
 * stopping at the first: the member must be a WTO member, the distribution date a date, the
 * title present, HS codes in HS 2022 and ICS codes in the ICS, a symbol (if any) well formed and
 * the member's own, and the TBT/SPS area knowable (symbol, links, type, objectives' tags, or a
 * symbol of the same member quoted in the text).
 */
export function draftFromCells(cells: EpingCells, options: DraftOptions = {}): DraftResult {
  const label = options.label ?? ((field: EpingField) => COLUMN_OF[field]);
  const errors: DomainError[] = [];
  const warnings: string[] = [];
  const fail = (field: EpingField, reason: string) => errors.push({ reason, field: label(field) });

  const cellOf = (field: EpingField) => resolveCell(Array.isArray(cells[field]) ? undefined : cells[field]);
  const text = (field: EpingField): string => {
    const cell = cellOf(field);
    if (cell.error !== undefined) warnings.push(`${label(field)}: ${cell.error}, read as empty`);
    return cleanText(cell.text);
  };
  const list = (field: EpingField): string[] => {
    const value = cells[field];
    if (Array.isArray(value)) return splitList(value.map((v) => cleanText(resolveCell(v).text)));
    return splitList(text(field));
  };
  const date = (field: EpingField, required: boolean): IsoDate | undefined => {
    const cell = cellOf(field);
    const value = cell.date ?? cell.number ?? cleanText(cell.text);
    if (value === '') {
      if (cell.error !== undefined) fail(field, `${label(field)}: ${cell.error}`);
      else if (required) fail(field, `${label(field)} is empty`);
      return undefined;
    }
    const read = readDate(value, label(field), options);
    if (read.ok) return read.date;
    fail(field, read.error.reason);
    return undefined;
  };
  const links = (...fields: EpingField[]): string[] => {
    const out: string[] = [];
    for (const field of fields) {
      const values = Array.isArray(cells[field]) ? (cells[field] as unknown[]) : [cells[field]];
      for (const value of values) {
        const cell = resolveCell(value);
        const found = [...cleanText(cell.text).matchAll(/\bhttps?:\/\/\S+/gi)].map((m) => m[0]);
        if (cell.hyperlink !== undefined && /^https?:\/\//i.test(cell.hyperlink))
          found.unshift(cell.hyperlink);
        const rest = cleanText(cell.text)
          .replace(/\bhttps?:\/\/\S+/gi, '')
          .trim();
        if (rest !== '' && found.length === 0)
          warnings.push(`${label(field)}: '${excerpt(rest)}' is not a link, ignored`);
        out.push(...found);
      }
    }
    return uniqueBy(out, (u) => u);
  };

  // Member.
  const memberName = text('member');
  const member = memberName === '' ? undefined : findWtoMember(memberName);
  if (memberName === '') fail('member', `${label('member')} is empty`);
  else if (member === undefined)
    fail('member', `${label('member')} '${excerpt(memberName)}' is not a WTO member`);

  const distributedOn = date('distributedOn', true);
  const title = text('title');
  if (title === '') fail('title', `${label('title')} is empty`);
  const description = text('description');

  // Symbol, when given; a link in the cell (ePing's `…/Search?viewData=G/TBT/N/USA/2211`) is the
  // cross-check, and stands in for an empty text.
  let symbol: NotificationSymbol | undefined;
  let symbolText = text('symbol');
  const symbolLink = cellOf('symbol').hyperlink;
  const viewData = symbolLink === undefined ? undefined : viewDataSymbol(symbolLink);
  if (viewData !== undefined) {
    const shown = symbolText === '' ? undefined : parseSymbol(symbolText);
    if (shown === undefined) {
      symbolText = viewData;
      warnings.push(`${label('symbol')}: read from its link (${viewData}), the cell shows no text`);
    } else if (shown.ok && parseSymbol(viewData).ok) {
      const linked = parseSymbol(viewData);
      if (linked.ok && linked.symbol.normalized !== shown.symbol.normalized)
        warnings.push(
          `${label('symbol')}: the cell shows ${shown.symbol.normalized} but links to ${linked.symbol.normalized}; the shown one is taken`,
        );
    }
  }
  if (symbolText !== '') {
    const parsed = parseSymbol(symbolText);
    if (!parsed.ok) fail('symbol', parsed.error.reason);
    else if (member !== undefined && parsed.symbol.memberCode !== member.code) {
      fail('symbol', `${parsed.symbol.normalized} is not a notification by ${member.name} (${member.code})`);
    } else symbol = parsed.symbol;
  }

  // Type.
  const notificationType = text('notificationType');
  const typed = parseNotificationType(notificationType);
  let kind: NotificationKind | undefined = typed?.kind;
  if (kind === undefined && symbol !== undefined) {
    kind = symbol.kind === 'notification' ? 'regular' : symbol.kind;
  }
  if (kind === undefined) {
    fail(
      'notificationType',
      notificationType === ''
        ? `${label('notificationType')} is empty`
        : `${label('notificationType')} '${excerpt(notificationType)}' is not a regular or emergency notification, addendum, corrigendum or revision`,
    );
  }

  // Codes.
  const hs = parseHsCodes(Array.isArray(cells.hsCodes) ? list('hsCodes') : text('hsCodes'));
  if (hs.unknown.length > 0) {
    fail('hsCodes', `${label('hsCodes')}: ${hs.unknown.map((c) => `'${c}'`).join(', ')} not in HS 2022`);
  }
  warnings.push(...hs.notes);
  const ics = parseIcsCodes(Array.isArray(cells.icsCodes) ? list('icsCodes') : text('icsCodes'));
  if (ics.unknown.length > 0) {
    fail('icsCodes', `${label('icsCodes')}: ${ics.unknown.map((c) => `'${c}'`).join(', ')} not in the ICS`);
  }

  const objectives = list('objectives');
  const documentLinks = links('documents');
  const notificationLinks: NotificationLinks = {};
  for (const [lang, field] of [
    ['en', 'linkEn'],
    ['fr', 'linkFr'],
    ['es', 'linkEs'],
  ] as const) {
    const link = links(field)[0];
    if (link !== undefined) notificationLinks[lang] = link;
  }
  const allLinks: string[] = [...documentLinks];
  for (const link of [notificationLinks.en, notificationLinks.fr, notificationLinks.es]) {
    if (link !== undefined) allLinks.push(link);
  }
  const commentDeadline = date('commentDeadline', false);
  const proposed = (field: 'proposedAdoption' | 'proposedEntryIntoForce'): IsoDate | undefined => {
    // Free text is common here ("To be determined", "6 months after publication"): not an error.
    const cell = cellOf(field);
    const value = cell.date ?? cell.number ?? cleanText(cell.text);
    if (value === '') return undefined;
    const read = readDate(value, label(field), options);
    if (read.ok) return read.date;
    warnings.push(`${label(field)} '${excerpt(String(cleanText(cell.text)))}' is not a date, not recorded`);
    return undefined;
  };
  const proposedAdoption = proposed('proposedAdoption');
  const proposedEntryIntoForce = proposed('proposedEntryIntoForce');

  if (member === undefined || distributedOn === undefined || kind === undefined || errors.length > 0) {
    return { ok: false, errors, warnings };
  }

  const { identity, linkSymbol } = deriveIdentity({
    ...(symbol === undefined ? {} : { symbol }),
    links: allLinks,
    member: member.code,
    distributedOn,
    notificationType,
    title,
    description,
  });
  if (linkSymbol !== undefined && linkSymbol.memberCode !== member.code) {
    warnings.push(
      `a link names ${linkSymbol.normalized}, not a notification by ${member.code}: symbol not taken`,
    );
  }
  const ownSymbol = symbol ?? (linkSymbol?.memberCode === member.code ? linkSymbol : undefined);
  const referencedSymbols = findSymbols(`${title}\n${description}`)
    .map((s) => s.normalized)
    .filter((s) => s !== ownSymbol?.normalized);

  // Area: symbol, links, type, objectives' tags, then a quoted symbol of the same member.
  let area: Area | undefined;
  let areaSource: AreaSource | undefined;
  const linkArea = allLinks.map((l) => linkFacts(l).area).find((a) => a !== undefined);
  const typeArea = /\((TBT|SPS)\)|\b(TBT|SPS)\b/i.exec(notificationType);
  const quoted = findSymbols(`${title}\n${description}`).find((s) => s.memberCode === member.code);
  if (ownSymbol !== undefined) [area, areaSource] = [ownSymbol.area, 'symbol'];
  else if (linkArea !== undefined) [area, areaSource] = [linkArea, 'link'];
  else if (typeArea)
    [area, areaSource] = [(typeArea[1] ?? typeArea[2])!.toUpperCase() as Area, 'notification-type'];
  else if (areaOfObjectives(objectives) !== undefined)
    [area, areaSource] = [areaOfObjectives(objectives), 'objectives'];
  else if (quoted !== undefined) [area, areaSource] = [quoted.area, 'referenced-symbol'];
  if (area === undefined || areaSource === undefined) {
    fail(
      'notificationType',
      'cannot tell TBT from SPS: no symbol, no WTO document link, no (TBT)/(SPS) tag in the type or objectives',
    );
    return { ok: false, errors, warnings };
  }

  const draft: NotificationDraft = {
    identity,
    area,
    areaSource,
    kind,
    emergency: typed?.emergency ?? false,
    notificationType,
    member: member.code,
    memberName,
    distributedOn,
    title,
    description,
    products: text('products'),
    hsCodes: hs.codes,
    icsCodes: ics.codes,
    objectives,
    keywords: list('keywords'),
    regions: list('regions'),
    documentLinks,
    notificationLinks,
    referencedSymbols,
  };
  if (ownSymbol !== undefined) {
    draft.symbol = ownSymbol.normalized;
    draft.symbolSource = symbol === undefined ? 'link' : 'given';
  }
  if (commentDeadline !== undefined) draft.commentDeadline = commentDeadline;
  if (proposedAdoption !== undefined) draft.proposedAdoption = proposedAdoption;
  if (proposedEntryIntoForce !== undefined) draft.proposedEntryIntoForce = proposedEntryIntoForce;
  return { ok: true, draft, warnings };
}
