import { z } from 'zod';
import type { RegistryKind, RegistryState } from '../domain/aggregates/state.js';
import type { RegistryView } from '../view/registry-view.js';

export const ListRecordsQuery = z
  .object({
    enterprise: z.string().max(300).optional(),
    holder: z.string().max(300).optional(),
    committee: z.string().max(100).optional(),
    reference: z.string().max(100).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(50),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict();
export type ListRecordsParams = z.infer<typeof ListRecordsQuery>;

function matches(s: RegistryState, q: ListRecordsParams): boolean {
  const r = s as unknown as Record<string, string | undefined>;
  if (
    q.enterprise &&
    r.enterprise !== q.enterprise &&
    r.organisation !== q.enterprise &&
    r.holder !== q.enterprise
  )
    return false;
  if (q.holder && r.holder !== q.holder) return false;
  if (q.committee && !(r.committee ?? '').startsWith(q.committee)) return false;
  if (q.reference && !(r.reference ?? '').startsWith(q.reference)) return false;
  return true;
}

/** Key products, filings, seats, certifications or catalogue entries, in recording order. */
export function listRecords(view: RegistryView, kind: RegistryKind, q: ListRecordsParams) {
  const items: Array<Record<string, unknown>> = [];
  let total = 0;
  for (const [id, e] of view.of(kind)) {
    if (!matches(e.state, q)) continue;
    if (total >= q.offset && items.length < q.limit) items.push({ id, version: e.version, ...e.state });
    total++;
  }
  return { total, offset: q.offset, limit: q.limit, items };
}
