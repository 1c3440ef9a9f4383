import { z } from 'zod';
import type { DomainError } from '../../domain/domain-error.js';
import { draftFromCells, type EpingCells, type EpingField } from '../../domain/draft.js';
import type { EpingFileResult, EpingParseResult } from '../../domain/eping.js';

/**
 * A notification as the ePing API names its fields (camelCase). Lists may come as arrays or as
 * ePing's `; `-joined text; `links` as a list of document links or as an object with the
 * document links and the notification in each language. Unknown keys are ignored.
 */
const text = z.string();
const list = z.union([z.string(), z.array(z.union([z.string(), z.number()]).transform(String))]);
const optionalText = text.nullish();
const optionalList = list.nullish();

export const epingNotificationSchema = z.object({
  documentSymbol: optionalText,
  notifyingMember: text.min(1, 'notifyingMember is required (WTO code or name)'),
  distributionDate: text.min(1, 'distributionDate is required (YYYY-MM-DD)'),
  title: text.min(1, 'title is required'),
  description: optionalText,
  productsCovered: optionalText,
  hsCodes: optionalList,
  icsCodes: optionalList,
  objectives: optionalList,
  keywords: optionalList,
  regionsAffected: optionalList,
  finalDateForComments: optionalText,
  notificationType: text.min(1, 'notificationType is required'),
  proposedAdoptionDate: optionalText,
  proposedEntryIntoForceDate: optionalText,
  links: z
    .union([
      list,
      z.object({
        documents: optionalList,
        en: optionalText,
        fr: optionalText,
        es: optionalText,
      }),
    ])
    .nullish(),
});

export type EpingNotificationJson = z.infer<typeof epingNotificationSchema>;

const KEY_OF_FIELD: Readonly<Record<EpingField, string>> = {
  member: 'notifyingMember',
  distributedOn: 'distributionDate',
  symbol: 'documentSymbol',
  title: 'title',
  description: 'description',
  products: 'productsCovered',
  hsCodes: 'hsCodes',
  icsCodes: 'icsCodes',
  objectives: 'objectives',
  keywords: 'keywords',
  regions: 'regionsAffected',
  commentDeadline: 'finalDateForComments',
  notificationType: 'notificationType',
  documents: 'links.documents',
  linkEn: 'links.en',
  linkFr: 'links.fr',
  linkEs: 'links.es',
  proposedAdoption: 'proposedAdoptionDate',
  proposedEntryIntoForce: 'proposedEntryIntoForceDate',
};

function cellsOf(item: EpingNotificationJson): EpingCells {
  const links = item.links;
  const linkObject =
    links !== null && links !== undefined && typeof links === 'object' && !Array.isArray(links);
  return {
    member: item.notifyingMember,
    distributedOn: item.distributionDate,
    symbol: item.documentSymbol,
    title: item.title,
    description: item.description,
    products: item.productsCovered,
    hsCodes: item.hsCodes,
    icsCodes: item.icsCodes,
    objectives: item.objectives,
    keywords: item.keywords,
    regions: item.regionsAffected,
    commentDeadline: item.finalDateForComments,
    notificationType: item.notificationType,
    documents: linkObject ? links.documents : links,
    linkEn: linkObject ? links.en : undefined,
    linkFr: linkObject ? links.fr : undefined,
    linkEs: linkObject ? links.es : undefined,
    proposedAdoption: item.proposedAdoptionDate,
    proposedEntryIntoForce: item.proposedEntryIntoForceDate,
  };
}

function rawOf(value: unknown): Record<string, string> {
  if (typeof value !== 'object' || value === null) return {};
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]),
  );
}

/**
 * Reads an ePing API payload: one notification, an array of them, or `{ items: [...] }` /
 * `{ notifications: [...] }`. Each item is checked on its own (`line` is its 1-based position):
 * malformed items are reported with the JSON path of each problem, good ones become drafts.
 * A body that is none of these shapes is refused whole.
 */
export function parseEpingJson(body: unknown): EpingFileResult {
  let items: unknown[];
  if (Array.isArray(body)) items = body;
  else if (typeof body === 'object' && body !== null) {
    const record = body as Record<string, unknown>;
    const wrapped = record.items ?? record.notifications;
    items = Array.isArray(wrapped) ? wrapped : [body];
  } else {
    return { ok: false, error: { reason: 'the body must be a notification object or an array of them' } };
  }
  const result: EpingParseResult = {
    ok: true,
    format: 'json',
    rows: [],
    errors: [],
    total: 0,
    ignoredColumns: [],
  };
  const seen = new Map<string, number>();
  items.forEach((item, index) => {
    const line = index + 1;
    result.total += 1;
    const raw = rawOf(item);
    const parsed = epingNotificationSchema.safeParse(item);
    if (!parsed.success) {
      const errors: DomainError[] = parsed.error.issues.map((issue) => {
        const field = issue.path.join('.');
        return {
          reason: field === '' ? issue.message : `${field}: ${issue.message}`,
          ...(field ? { field } : {}),
        };
      });
      result.errors.push({ line, raw, errors, warnings: [] });
      return;
    }
    const read = draftFromCells(cellsOf(parsed.data), { label: (field) => KEY_OF_FIELD[field] });
    if (!read.ok) {
      result.errors.push({ line, raw, errors: read.errors, warnings: read.warnings });
      return;
    }
    const earlier = seen.get(read.draft.identity.key);
    if (earlier !== undefined) {
      result.errors.push({
        line,
        raw,
        errors: [{ reason: `same notification as item ${earlier} (${read.draft.identity.key}), skipped` }],
        warnings: read.warnings,
      });
      return;
    }
    seen.set(read.draft.identity.key, line);
    result.rows.push({ line, raw, draft: read.draft, warnings: read.warnings });
  });
  return result;
}
