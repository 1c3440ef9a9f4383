import { XMLParser } from 'fast-xml-parser';
import { z } from 'zod';
import { lazy, readDataFile } from './data-files.js';

/** ICS (International Classification for Standards) levels: `03`, `03.120`, `03.120.10`. */
export type IcsLevel = 'field' | 'group' | 'subgroup';

export interface IcsEntry {
  code: string;
  titleEn: string;
  titleFr?: string;
  level: IcsLevel;
  /** The enclosing field or group; absent for fields. */
  parent?: string;
}

const ICS_CODE = /^\d{2}(?:\.\d{3}(?:\.\d{2})?)?$/;

// Every repeatable element is forced into an array, so one-child and many-children nodes look alike.
const REPEATED = new Set(['field', 'group', 'subGroup', 'title', 'scope', 'references', 'reference', 'note']);

const localized = z.object({ '#text': z.string(), '@_xml:lang': z.string() });
const node = z.object({
  identifier: z.string().regex(ICS_CODE),
  title: z.array(localized).min(1),
  // In groups and sub-groups, <field> / <group> name the parent (forced into an array above).
  field: z.array(z.string()).optional(),
  group: z.array(z.string()).optional(),
});
const document = z.object({
  fields: z.object({
    field: z.array(node),
    group: z.array(node),
    subGroup: z.array(node),
  }),
});

function toEntry(raw: z.infer<typeof node>, level: IcsLevel): IcsEntry {
  const title = (lang: string) => raw.title.find((t) => t['@_xml:lang'] === lang)?.['#text'].trim();
  const titleEn = title('en');
  if (titleEn === undefined) throw new Error(`ICS ${raw.identifier} has no English title`);
  const entry: IcsEntry = { code: raw.identifier, titleEn, level };
  const titleFr = title('fr');
  if (titleFr !== undefined) entry.titleFr = titleFr;
  const parent = level === 'group' ? raw.field?.[0] : level === 'subgroup' ? raw.group?.[0] : undefined;
  if (parent !== undefined) entry.parent = parent;
  return entry;
}

/** Parses the ISO Open Data `ICS-simple.xml` layout (fields, groups and sub-groups as siblings). */
export function parseIcsXml(xml: string): Map<string, IcsEntry> {
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    // Keep identifiers as text: `01` and `03.120` must not become numbers.
    parseTagValue: false,
    isArray: (name) => REPEATED.has(name),
  });
  const doc = document.parse(parser.parse(xml));
  const entries = new Map<string, IcsEntry>();
  const add = (raw: z.infer<typeof node>, level: IcsLevel) =>
    entries.set(raw.identifier, toEntry(raw, level));
  doc.fields.field.forEach((raw) => add(raw, 'field'));
  doc.fields.group.forEach((raw) => add(raw, 'group'));
  doc.fields.subGroup.forEach((raw) => add(raw, 'subgroup'));
  return entries;
}

/** All ICS entries by code (1,381 in the shipped edition), read on first use. */
export const icsEntries: () => ReadonlyMap<string, IcsEntry> = lazy(() =>
  parseIcsXml(readDataFile('ics/ICS-simple.xml')),
);

export function icsEntry(code: string): IcsEntry | undefined {
  return icsEntries().get(code.trim());
}

export function isIcsCode(code: string): boolean {
  return icsEntry(code) !== undefined;
}

/**
 * Whether `code` lies under `prefix` in the ICS tree, matching whole segments only: `03.120`
 * covers `03.120` and `03.120.10`, but `03.12` covers nothing (it is not a segment boundary).
 */
export function icsPrefixMatch(prefix: string, code: string): boolean {
  const p = prefix.trim().replace(/\.+$/, '');
  const c = code.trim();
  if (p === '') return false;
  return c === p || c.startsWith(`${p}.`);
}
