import { type FieldReason, Rejection, type ZONE_KINDS } from '@highland/contracts';

export interface SheetItem {
  id: string;
  title: string;
  maxPoints: number;
  key?: boolean;
  threshold?: number;
}
export interface ScoringSheet {
  name: string;
  sections: Array<{ title: string; items: SheetItem[] }>;
  passMark: number;
}
export interface ScoreInput {
  item: string;
  inspector: string;
  grade?: 1 | 0.5 | 0;
  value?: number;
  note?: string;
}
export interface ItemScore extends ScoreInput {
  points: number;
}
export interface ScoredInspection {
  scores: ItemScore[];
  total: number;
  maxTotal: number;
  percent: number;
  keyItemsFailed: string[];
  meetsPassMark: boolean;
}

const item = (id: string, title: string, maxPoints: number, extra: Partial<SheetItem> = {}): SheetItem => ({
  id,
  title,
  maxPoints,
  ...extra,
});

/**
 * Default acceptance sheet of an agricultural demonstration zone (3 years under a task book,
 * accepted on site: report, records, visits to farmers and plots, item-by-item scoring). 100 points;
 * the sections are those of published practice, the split of points within them is Highland's.
 */
export const AGRICULTURAL_SHEET: Omit<ScoringSheet, 'passMark'> = {
  name: 'agricultural demonstration zone acceptance',
  sections: [
    {
      title: 'preparation',
      items: [
        item('prep.task-book', 'task book signed and targets set', 5, { key: true }),
        item('prep.plan', 'implementation plan and budget', 5),
      ],
    },
    {
      title: 'organisation',
      items: [
        item('org.leading-group', 'leading group, responsibilities assigned', 5),
        item('org.funding', 'funding in place and used as planned', 5),
      ],
    },
    {
      title: 'standards system',
      items: [
        item('std.system', 'standards cover production before, during and after harvest', 10, { key: true }),
        item('std.guides', 'standards turned into plain guides (模式图, 明白纸) for farmers', 5),
      ],
    },
    {
      title: 'publicity',
      items: [
        item('pub.signs', 'zone signboards and standards posted in the fields', 5),
        item('pub.media', 'publicity in the media and among farmers', 5),
      ],
    },
    {
      title: 'training',
      items: [
        item('train.sessions', 'training sessions held as planned', 5),
        item('train.coverage', 'farmers of the zone trained', 5),
      ],
    },
    {
      title: 'process control',
      items: [
        item('proc.records', 'production records kept (inputs, operations, harvest)', 10, { key: true }),
        item('proc.inputs', 'agricultural inputs managed', 5),
        item('proc.quality', 'quality testing and traceability', 5),
      ],
    },
    {
      title: 'results and demonstration effect',
      items: [
        item('res.implementation', 'standards implemented by the households of the zone', 10),
        item('res.income', 'output and income increased', 5),
        item('res.brand', 'brands, certifications (green, organic, geographical indication)', 5),
        item('res.radiation', 'demonstration effect beyond the zone', 5),
      ],
    },
  ],
};

/**
 * Default acceptance sheet of a service-standardization pilot (2 years): the three published
 * targets are measured, must-pass items (coverage ≥ 80 %, implementation ≥ 90 %, satisfaction
 * ≥ 90 % from a random customer survey on site); the rest is graded.
 */
export const SERVICE_PILOT_SHEET: Omit<ScoringSheet, 'passMark'> = {
  name: 'service-standardization pilot acceptance',
  sections: [
    {
      title: 'targets',
      items: [
        item('target.coverage', 'standard coverage of the services (%)', 20, { key: true, threshold: 80 }),
        item('target.implementation', 'implementation of the standards (%)', 20, {
          key: true,
          threshold: 90,
        }),
        item('target.satisfaction', 'customer satisfaction, random survey on site (%)', 20, {
          key: true,
          threshold: 90,
        }),
      ],
    },
    {
      title: 'standards system',
      items: [item('std.system', 'service standards system built (basic, provision, support)', 15)],
    },
    {
      title: 'organisation',
      items: [item('org.support', 'organisation, staff and funding of the pilot', 10)],
    },
    {
      title: 'improvement and demonstration',
      items: [
        item('imp.evaluation', 'self-evaluation and continuous improvement', 5),
        item('imp.demonstration', 'results published and demonstration effect', 10),
      ],
    },
  ],
};

/** The default sheet of a kind of zone, with the configured pass mark. */
export function defaultSheet(kind: (typeof ZONE_KINDS)[number], passMark: number): ScoringSheet {
  const base = kind === 'service-pilot' || kind === 'rural-market' ? SERVICE_PILOT_SHEET : AGRICULTURAL_SHEET;
  return { ...structuredClone(base), passMark };
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * Scores one inspection against its sheet: every item scored once, by one of the named inspectors,
 * a graded item with a grade and a measured item with a value. Totals are computed here, never
 * taken from the caller. Refuses (naming each field) rather than guess.
 */
export function scoreInspection(
  sheet: ScoringSheet,
  inspectors: readonly string[],
  input: readonly ScoreInput[],
): ScoredInspection {
  const errors: FieldReason[] = [];
  const items = new Map<string, SheetItem>();
  for (const [s, section] of sheet.sections.entries())
    for (const [i, it] of section.items.entries()) {
      if (items.has(it.id))
        errors.push({ field: `body.sheet.sections.${s}.items.${i}.id`, reason: `item "${it.id}" twice` });
      items.set(it.id, it);
    }
  const named = new Set(inspectors);
  const scored = new Set<string>();
  const scores: ItemScore[] = [];
  for (const [i, s] of input.entries()) {
    const it = items.get(s.item);
    if (!it) {
      errors.push({ field: `body.scores.${i}.item`, reason: `"${s.item}" is not an item of the sheet` });
      continue;
    }
    if (scored.has(s.item))
      errors.push({ field: `body.scores.${i}.item`, reason: `"${s.item}" scored twice` });
    scored.add(s.item);
    if (!named.has(s.inspector))
      errors.push({
        field: `body.scores.${i}.inspector`,
        reason: `"${s.inspector}" is not among the inspectors`,
      });
    let points: number;
    if (it.threshold !== undefined) {
      if (s.value === undefined || s.grade !== undefined) {
        errors.push({
          field: `body.scores.${i}.value`,
          reason: 'a measured item takes a value (%), not a grade',
        });
        continue;
      }
      points = s.value >= it.threshold ? it.maxPoints : 0;
    } else {
      if (s.grade === undefined || s.value !== undefined) {
        errors.push({ field: `body.scores.${i}.grade`, reason: 'a graded item takes a grade (1, 0.5 or 0)' });
        continue;
      }
      points = s.grade * it.maxPoints;
    }
    scores.push({ ...s, points: round2(points) });
  }
  const missing = [...items.keys()].filter((id) => !scored.has(id));
  if (missing.length)
    errors.push({ field: 'body.scores', reason: `items not scored: ${missing.join(', ')}` });
  if (errors.length) throw Rejection.invalid('the scores do not fit the scoring sheet', errors);

  const maxTotal = round2([...items.values()].reduce((n, it) => n + it.maxPoints, 0));
  const total = round2(scores.reduce((n, s) => n + s.points, 0));
  const percent = round2((total / maxTotal) * 100);
  const keyItemsFailed = scores
    .filter((s) => items.get(s.item)!.key && s.points < items.get(s.item)!.maxPoints)
    .map((s) => s.item);
  return {
    scores,
    total,
    maxTotal,
    percent,
    keyItemsFailed,
    meetsPassMark: percent >= sheet.passMark && keyItemsFailed.length === 0,
  };
}
