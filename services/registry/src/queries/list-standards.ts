import { z } from 'zod';
import { NATIONAL_STAGES } from '../domain/stages.js';
import type { StandardState } from '../domain/aggregates/state.js';
import type { RegistryView } from '../view/registry-view.js';
import type { StandardRow } from './standards-index.js';

const Level = z.enum(['international', 'foreign', 'national', 'industry', 'local', 'group', 'enterprise']);
const DateParam = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');

export const ListStandardsQuery = z
  .object({
    level: Level.optional(),
    sector: z.string().max(200).optional(),
    stage: z.enum(NATIONAL_STAGES).optional(),
    ics: z
      .string()
      .regex(/^\d{2}(\.\d{3}(\.\d{2})?)?$/, 'an ICS code or prefix such as 67 or 67.050')
      .optional(),
    code: z.string().max(100).optional().describe('prefix of the normalised code, e.g. "GB/T 19"'),
    organisation: z.string().max(300).optional(),
    kind: z.enum(['formulate', 'revise', 'adopt', 'existing']).optional(),
    inDistrict: z.enum(['true', 'false']).optional(),
    project: z.coerce.number().int().min(1).max(5).optional(),
    publishedFrom: DateParam.optional(),
    publishedTo: DateParam.optional(),
    limit: z.coerce.number().int().min(1).max(500).default(50),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict()
  .refine((q) => !q.publishedFrom || !q.publishedTo || q.publishedFrom <= q.publishedTo, {
    path: ['publishedTo'],
    message: 'before publishedFrom',
  });
export type ListStandardsParams = z.infer<typeof ListStandardsQuery>;

/** One predicate built per query, so the scan does no per-row parsing or case folding. */
function predicate(q: ListStandardsParams): (r: StandardRow) => boolean {
  const code = q.code?.toUpperCase();
  const ics = q.ics?.replace(/\.+$/, '');
  const icsDot = ics ? `${ics}.` : '';
  const inDistrict = q.inDistrict === undefined ? undefined : q.inDistrict === 'true';
  return (r) =>
    (!q.level || r.level === q.level) &&
    (!q.stage || r.stage === q.stage) &&
    (!q.sector || r.sector === q.sector) &&
    (!q.kind || r.kind === q.kind) &&
    (!q.project || r.project === q.project) &&
    (inDistrict === undefined || r.inDistrict === inDistrict) &&
    (!code || r.code.startsWith(code)) &&
    (!q.publishedFrom || (r.publishedOn !== '' && r.publishedOn >= q.publishedFrom)) &&
    (!q.publishedTo || (r.publishedOn !== '' && r.publishedOn <= q.publishedTo)) &&
    (!ics || r.ics.some((c) => c === ics || c.startsWith(icsDot))) &&
    (!q.organisation || r.lead === q.organisation || r.participants.includes(q.organisation));
}

/** A filtered page of standards ordered by code, served from memory. */
export function listStandards(view: RegistryView, q: ListStandardsParams) {
  const items: Array<{ id: string; version: number } & StandardState> = [];
  const matches = predicate(q);
  let total = 0;
  for (const row of view.standards.ordered()) {
    if (!matches(row)) continue;
    if (total >= q.offset && items.length < q.limit) {
      const e = view.get(row.id)!;
      items.push({ id: row.id, version: e.version, ...(e.state as StandardState) });
    }
    total++;
  }
  return { total, offset: q.offset, limit: q.limit, items };
}
