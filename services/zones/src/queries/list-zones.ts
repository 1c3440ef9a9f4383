import { ZONE_KINDS, ZONE_LEVELS } from '@highland/contracts';
import { z } from 'zod';
import { ZONE_STATES } from '../domain/lifecycle.js';
import type { ZoneState } from '../domain/state.js';
import type { ZonesView } from '../view/zones-view.js';

/** A list parameter: `state=approved,passed` or the parameter repeated. */
const listOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess((v) => (typeof v === 'string' ? v.split(',') : v), z.array(z.enum(values)).min(1)).optional();

export const ListZonesQuery = z
  .object({
    kind: listOf(ZONE_KINDS),
    level: listOf(ZONE_LEVELS),
    state: listOf(ZONE_STATES),
    town: z.string().max(100).optional(),
    department: z.string().max(63).optional(),
    product: z.string().max(200).optional(),
    project: z.coerce.number().int().min(1).max(5).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(50),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict();
export type ListZonesParams = z.infer<typeof ListZonesQuery>;
export type ZoneFilter = Omit<ListZonesParams, 'limit' | 'offset'>;

/** The level a zone stands at: the level granted once approved, the level sought before. */
export const levelOf = (z: ZoneState) => z.approval?.level ?? z.levelSought;

export function matches(s: ZoneState, q: ZoneFilter): boolean {
  if (q.kind && !q.kind.includes(s.kind)) return false;
  if (q.level && !q.level.includes(levelOf(s))) return false;
  if (q.town && s.town !== q.town) return false;
  if (q.department && s.department !== q.department) return false;
  if (q.project && s.project !== q.project) return false;
  if (q.product && !s.productLine.toLowerCase().includes(q.product.toLowerCase())) return false;
  return true;
}

/** Zones matching every filter given (the state filter reads the view's index). */
export function* filterZones(view: ZonesView, q: ZoneFilter): Iterable<[string, ZoneState, number]> {
  for (const [id, e] of view.zones(q.state)) if (matches(e.state, q)) yield [id, e.state, e.version];
}

/** What a list shows of a zone; the zone itself (GET /zones/{id}) has everything. */
export function summary(id: string, s: ZoneState, version: number) {
  return {
    id,
    version,
    name: s.name,
    kind: s.kind,
    level: levelOf(s),
    levelSought: s.levelSought,
    state: s.state,
    productLine: s.productLine,
    town: s.town,
    location: s.location,
    areaMu: s.areaMu,
    areaHectares: s.areaHectares,
    department: s.department,
    project: s.project,
    undertaking: s.undertaking.name,
    ...(s.approval
      ? {
          approvedOn: s.approval.approvedOn,
          batch: s.approval.batch,
          constructionTo: s.approval.constructionTo,
        }
      : {}),
    ...(s.rectifications.length && s.state === 'rectification-required'
      ? { rectificationDeadline: s.rectifications.at(-1)!.deadline }
      : {}),
    updatedAt: s.updatedAt,
  };
}

export function listZones(view: ZonesView, q: ListZonesParams) {
  const items: Array<ReturnType<typeof summary>> = [];
  let total = 0;
  for (const [id, s, version] of filterZones(view, q)) {
    if (total >= q.offset && items.length < q.limit) items.push(summary(id, s, version));
    total++;
  }
  return { total, offset: q.offset, limit: q.limit, items };
}

export const CSV_HEADER = [
  'id',
  'name',
  'kind',
  'level',
  'level sought',
  'state',
  'product line',
  'town',
  'lat',
  'lon',
  'area (mu)',
  'area (ha)',
  'undertaking organisation',
  'partners',
  'department',
  'project',
  'approved on',
  'batch',
  'approval document',
  'construction to',
  'last inspection (%)',
  'standards',
];

/** One CSV row a zone (cells are neutralised by the export). */
export function csvRow(id: string, s: ZoneState): unknown[] {
  return [
    id,
    s.name,
    s.kind,
    levelOf(s),
    s.levelSought,
    s.state,
    s.productLine,
    s.town,
    s.location.lat,
    s.location.lon,
    s.areaMu,
    s.areaHectares,
    s.undertaking.name,
    s.partners.map((p) => p.name).join('; '),
    s.department,
    s.project,
    s.approval?.approvedOn ?? '',
    s.approval?.batch ?? '',
    s.approval?.approvalDocument ?? '',
    s.approval?.constructionTo ?? '',
    s.inspections.at(-1)?.percent ?? '',
    s.standards.map((x) => x.code).join('; '),
  ];
}
