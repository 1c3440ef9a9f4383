/**
 * Plans are data: a period and indicators, each with a target, a definition of which facts count,
 * and breakdown dimensions. Validation names the path of every problem and why.
 */
import { z } from 'zod';
import {
  AUTHORITY_LEVELS,
  COMMITTEE_LEVELS,
  FACT_KINDS,
  MEMBER_KINDS,
  STANDARD_LEVELS,
  WORK_KINDS,
  ZONE_KINDS,
  ZONE_LEVELS,
} from './facts.js';

export const BREAKDOWN_DIMENSIONS = ['sector', 'department', 'town', 'project', 'level'] as const;
export type BreakdownDimension = (typeof BREAKDOWN_DIMENSIONS)[number];

export const SlugSchema = z
  .string()
  .max(64)
  .regex(
    /^[a-z0-9]+(?:-[a-z0-9]+)*$/,
    'must be a slug: lowercase letters and digits joined by single hyphens',
  );

export const BilingualSchema = z.strictObject({
  zh: z.string().trim().min(1, 'Chinese text is required'),
  en: z.string().trim().min(1, 'English text is required'),
});
export type Bilingual = z.output<typeof BilingualSchema>;

const IsoDay = z.iso.date('must be a calendar date YYYY-MM-DD');

export const PeriodSchema = z.strictObject({ start: IsoDay, end: IsoDay }).superRefine((p, ctx) => {
  // ISO dates compare correctly as strings.
  if (p.end < p.start) {
    ctx.addIssue({ code: 'custom', path: ['end'], message: `end ${p.end} is before start ${p.start}` });
  }
});
export type Period = z.output<typeof PeriodSchema>;

const Count = z.number().int().nonnegative();

const RangeTarget = z
  .strictObject({ kind: z.literal('range'), min: Count, max: Count })
  .superRefine((t, ctx) => {
    if (t.min > t.max) {
      ctx.addIssue({ code: 'custom', path: ['max'], message: `max ${t.max} is below min ${t.min}` });
    }
  });
const FloorTarget = z.strictObject({ kind: z.literal('floor'), min: Count });
const PercentageTarget = z.strictObject({
  kind: z.literal('percentage'),
  min: z.number().min(0).max(100),
  /** The rate must hold throughout the period ("保持在…以上"), not only be reached by its end. */
  maintained: z.boolean().optional(),
});
const ComparativeTarget = z.strictObject({
  kind: z.literal('comparative'),
  rankAtMost: z.number().int().min(1),
  group: BilingualSchema,
});
const QualitativeTarget = z.strictObject({ kind: z.literal('qualitative'), description: BilingualSchema });

export const TargetSchema = z.discriminatedUnion('kind', [
  RangeTarget,
  FloorTarget,
  PercentageTarget,
  ComparativeTarget,
  QualitativeTarget,
]);
export type Target = z.output<typeof TargetSchema>;

const listOf = <T extends z.ZodType>(item: T) => z.array(item).min(1, 'must list at least one value');

/** Filters over fact attributes; every given filter must hold. */
export const WhereSchema = z.strictObject({
  level: listOf(z.enum(STANDARD_LEVELS)).optional(),
  workKind: listOf(z.enum(WORK_KINDS)).optional(),
  sector: listOf(z.string().min(1)).optional(),
  /** ISO harmonized stage code the work must have reached, e.g. '60.00' (published). */
  stageReached: z
    .string()
    .regex(/^\d{2}(\.\d{2})?$/, 'must be an ISO harmonized stage code such as 60.00')
    .optional(),
  certificationAuthority: listOf(z.enum(AUTHORITY_LEVELS)).optional(),
  zoneKind: listOf(z.enum(ZONE_KINDS)).optional(),
  zoneLevel: listOf(z.enum(ZONE_LEVELS)).optional(),
  memberKind: listOf(z.enum(MEMBER_KINDS)).optional(),
  committeeLevel: listOf(z.enum(COMMITTEE_LEVELS)).optional(),
  inDistrict: z.boolean().optional(),
  /** tbt-alert: notifying WTO members, e.g. ['EU', 'USA']. */
  member: listOf(z.string().min(1)).optional(),
  /** tbt-alert: reached the exporter / acknowledged by it / proposed as a trade concern. */
  delivered: z.boolean().optional(),
  acknowledged: z.boolean().optional(),
  tradeConcernCandidate: z.boolean().optional(),
});
export type Where = z.output<typeof WhereSchema>;

export const CountsSchema = z.strictObject({
  fact: z.enum(FACT_KINDS),
  where: WhereSchema.optional(),
  /** count-distinct: distinct facts; ratio: share of facts with `adopts` among all matching. */
  measure: z.enum(['count-distinct', 'ratio']),
});
export type CountDefinition = z.output<typeof CountsSchema>;

export const IndicatorSchema = z
  .strictObject({
    id: SlugSchema,
    name: BilingualSchema,
    target: TargetSchema,
    unit: BilingualSchema,
    sectorFocus: z.array(z.string().min(1)).optional(),
    /** Absent only for qualitative targets, which count nothing. */
    counts: CountsSchema.optional(),
    breakdowns: z.array(z.enum(BREAKDOWN_DIMENSIONS)),
  })
  .superRefine((ind, ctx) => {
    const qualitative = ind.target.kind === 'qualitative';
    if (!ind.counts) {
      if (!qualitative)
        ctx.addIssue({ code: 'custom', path: ['counts'], message: 'required unless qualitative' });
      return;
    }
    if (qualitative) {
      ctx.addIssue({ code: 'custom', path: ['counts'], message: 'a qualitative target counts nothing' });
    }
    const ratio = ind.counts.measure === 'ratio';
    if (ratio !== (ind.target.kind === 'percentage')) {
      ctx.addIssue({
        code: 'custom',
        path: ['counts', 'measure'],
        message: ratio ? 'ratio needs a percentage target' : 'a percentage target needs measure "ratio"',
      });
    }
    const seen = new Set<string>();
    ind.breakdowns.forEach((dim, i) => {
      if (seen.has(dim))
        ctx.addIssue({ code: 'custom', path: ['breakdowns', i], message: `duplicate "${dim}"` });
      seen.add(dim);
    });
  });
export type Indicator = z.output<typeof IndicatorSchema>;

export const PlanSchema = z
  .strictObject({
    id: SlugSchema,
    name: BilingualSchema,
    period: PeriodSchema,
    indicators: z.array(IndicatorSchema).min(1, 'a plan needs at least one indicator'),
  })
  .superRefine((plan, ctx) => {
    const first = new Map<string, number>();
    plan.indicators.forEach((ind, i) => {
      const at = first.get(ind.id);
      if (at === undefined) first.set(ind.id, i);
      else {
        ctx.addIssue({
          code: 'custom',
          path: ['indicators', i, 'id'],
          message: `duplicate indicator id "${ind.id}" (first at indicators[${String(at)}])`,
        });
      }
    });
  });
export type Plan = z.output<typeof PlanSchema>;
export type PlanInput = z.input<typeof PlanSchema>;

export interface PlanIssue {
  readonly path: readonly (string | number)[];
  /** The path as text, e.g. "indicators[2].target.max" ("" for the plan itself). */
  readonly at: string;
  readonly message: string;
}

export type PlanResult = { ok: true; plan: Plan } | { ok: false; issues: PlanIssue[] };

export function formatPath(path: readonly (string | number)[]): string {
  return path.reduce<string>(
    (acc, seg) => (typeof seg === 'number' ? `${acc}[${String(seg)}]` : acc ? `${acc}.${seg}` : seg),
    '',
  );
}

function issue(path: readonly PropertyKey[], message: string): PlanIssue {
  const clean = path.map((seg) => (typeof seg === 'number' ? seg : String(seg)));
  return { path: clean, at: formatPath(clean), message };
}

export function parsePlan(input: unknown): PlanResult {
  const parsed = PlanSchema.safeParse(input);
  if (parsed.success) return { ok: true, plan: parsed.data };
  return { ok: false, issues: parsed.error.issues.map((i) => issue(i.path, i.message)) };
}

/** Thrown by definePlan; carries the same issues parsePlan returns. */
export class PlanValidationError extends Error {
  constructor(readonly issues: readonly PlanIssue[]) {
    super(`invalid plan: ${issues.map((i) => `${i.at || '(plan)'}: ${i.message}`).join('; ')}`);
    this.name = 'PlanValidationError';
  }
}

export function definePlan(input: unknown): Plan {
  const result = parsePlan(input);
  if (!result.ok) throw new PlanValidationError(result.issues);
  return result.plan;
}

type PlanPeriodRef = Pick<Plan, 'id' | 'period'>;

/**
 * Plans reported side by side must not overlap in time. A plan with the same id is a redefinition
 * of the candidate, so it is not compared.
 */
export function findPeriodOverlaps(candidate: PlanPeriodRef, existing: Iterable<PlanPeriodRef>): PlanIssue[] {
  const issues: PlanIssue[] = [];
  for (const other of existing) {
    if (other.id === candidate.id) continue;
    if (candidate.period.start <= other.period.end && other.period.start <= candidate.period.end) {
      const span = `${other.period.start}..${other.period.end}`;
      issues.push(issue(['period'], `overlaps plan "${other.id}" (${span})`));
    }
  }
  return issues;
}
