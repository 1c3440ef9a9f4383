import { z } from 'zod';
import { NATIONAL_STAGES } from '../domain/stages.js';
import type { StandardState } from '../domain/aggregates/state.js';
import type { RegistryView } from '../view/registry-view.js';
import type { StandardFilter } from './standards-index.js';

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

/** The query's filters as the index takes them: empty values filter nothing, codes compare upper-cased. */
export function standardFilter(q: ListStandardsParams): StandardFilter {
  const ics = q.ics?.replace(/\.+$/, '');
  return {
    ...(q.level ? { level: q.level } : {}),
    ...(q.stage ? { stage: q.stage } : {}),
    ...(q.sector ? { sector: q.sector } : {}),
    ...(q.kind ? { kind: q.kind } : {}),
    ...(q.project ? { project: q.project } : {}),
    ...(q.inDistrict !== undefined ? { inDistrict: q.inDistrict === 'true' } : {}),
    ...(q.code ? { codePrefix: q.code.toUpperCase() } : {}),
    ...(ics ? { ics } : {}),
    ...(q.organisation ? { organisation: q.organisation } : {}),
    ...(q.publishedFrom ? { publishedFrom: q.publishedFrom } : {}),
    ...(q.publishedTo ? { publishedTo: q.publishedTo } : {}),
  };
}

/** A filtered page of standards ordered by code, served from the view's indexes. */
export function listStandards(view: RegistryView, q: ListStandardsParams) {
  const { total, ids } = view.standards.query(standardFilter(q), q.offset, q.limit);
  const items = ids.map((id) => {
    const e = view.get(id)!;
    return { id, version: e.version, ...(e.state as StandardState) };
  });
  return { total, offset: q.offset, limit: q.limit, items };
}
