import { icsPrefixMatch } from '@highland/reference-data';
import { z } from 'zod';
import { NATIONAL_STAGES } from '../domain/stages.js';
import type { StandardState } from '../domain/aggregates/state.js';
import type { RegistryView } from '../view/registry-view.js';

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

function matches(s: StandardState, q: ListStandardsParams): boolean {
  if (q.level && s.level !== q.level) return false;
  if (q.stage && s.stage !== q.stage) return false;
  if (q.sector && s.sector !== q.sector) return false;
  if (q.kind && s.work.kind !== q.kind) return false;
  if (q.project && s.project !== q.project) return false;
  if (q.inDistrict && String(s.inDistrict) !== q.inDistrict) return false;
  if (q.code && !s.code.startsWith(q.code.toUpperCase())) return false;
  if (q.ics && !s.ics.some((c) => icsPrefixMatch(q.ics!, c))) return false;
  if (q.organisation && s.leadOrganisation !== q.organisation && !s.participants.includes(q.organisation))
    return false;
  if (q.publishedFrom && (!s.publishedOn || s.publishedOn < q.publishedFrom)) return false;
  if (q.publishedTo && (!s.publishedOn || s.publishedOn > q.publishedTo)) return false;
  return true;
}

/** A filtered page of standards ordered by code, served from memory. */
export function listStandards(view: RegistryView, q: ListStandardsParams) {
  const items: Array<{ id: string; version: number } & StandardState> = [];
  let total = 0;
  for (const id of view.standardsByCode()) {
    const e = view.get(id)!;
    const s = e.state as StandardState;
    if (!matches(s, q)) continue;
    if (total >= q.offset && items.length < q.limit) items.push({ id, version: e.version, ...s });
    total++;
  }
  return { total, offset: q.offset, limit: q.limit, items };
}
