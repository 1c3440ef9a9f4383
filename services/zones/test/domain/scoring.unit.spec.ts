import { describe, expect, it } from 'vitest';
import {
  AGRICULTURAL_SHEET,
  defaultSheet,
  type ScoreInput,
  scoreInspection,
  SERVICE_PILOT_SHEET,
} from '../../src/domain/scoring.js';
import { refused } from '../fixtures.js';

const items = (sheet: typeof AGRICULTURAL_SHEET) => sheet.sections.flatMap((s) => s.items);
const allMet = (sheet: typeof AGRICULTURAL_SHEET, inspector = 'Zhang San'): ScoreInput[] =>
  items(sheet).map((it) =>
    it.threshold === undefined
      ? { item: it.id, inspector, grade: 1 }
      : { item: it.id, inspector, value: 100 },
  );

describe('default scoring sheets', () => {
  it('are worth 100 points, with the sections of published practice and must-pass items', () => {
    for (const sheet of [AGRICULTURAL_SHEET, SERVICE_PILOT_SHEET])
      expect(items(sheet).reduce((n, it) => n + it.maxPoints, 0)).toBe(100);
    expect(AGRICULTURAL_SHEET.sections.map((s) => s.title)).toEqual([
      'preparation',
      'organisation',
      'standards system',
      'publicity',
      'training',
      'process control',
      'results and demonstration effect',
    ]);
    expect(
      items(SERVICE_PILOT_SHEET)
        .filter((i) => i.key)
        .map((i) => [i.id, i.threshold]),
    ).toEqual([
      ['target.coverage', 80],
      ['target.implementation', 90],
      ['target.satisfaction', 90],
    ]);
  });

  it('take the configured pass mark and the sheet of the kind', () => {
    expect(defaultSheet('agricultural', 85)).toMatchObject({ name: AGRICULTURAL_SHEET.name, passMark: 85 });
    expect(defaultSheet('service-pilot', 80).name).toBe(SERVICE_PILOT_SHEET.name);
    expect(defaultSheet('rural-market', 80).name).toBe(SERVICE_PILOT_SHEET.name);
    expect(defaultSheet('enterprise-base-farmers', 80).name).toBe(AGRICULTURAL_SHEET.name);
  });
});

describe('scoreInspection', () => {
  const sheet = defaultSheet('agricultural', 90);

  it('computes totals from graded scores (1, 0.5, 0 of the item’s points)', () => {
    const scores = allMet(sheet).map((s) => (s.item === 'pub.media' ? { ...s, grade: 0.5 as const } : s));
    const r = scoreInspection(sheet, ['Zhang San'], scores);
    expect(r).toMatchObject({
      total: 97.5,
      maxTotal: 100,
      percent: 97.5,
      keyItemsFailed: [],
      meetsPassMark: true,
    });
    expect(r.scores.find((s) => s.item === 'pub.media')?.points).toBe(2.5);
  });

  it('fails the pass mark below it, and always when a key item is not fully met', () => {
    const low = allMet(sheet).map((s) =>
      ['res.income', 'res.brand', 'pub.media'].includes(s.item) ? { ...s, grade: 0 as const } : s,
    );
    expect(scoreInspection(sheet, ['Zhang San'], low)).toMatchObject({ percent: 85, meetsPassMark: false });
    const key = allMet(sheet).map((s) => (s.item === 'proc.records' ? { ...s, grade: 0.5 as const } : s));
    expect(scoreInspection(sheet, ['Zhang San'], key)).toMatchObject({
      percent: 95,
      keyItemsFailed: ['proc.records'],
      meetsPassMark: false,
    });
  });

  it('scores measured items of a service pilot against their thresholds', () => {
    const pilot = defaultSheet('service-pilot', 80);
    const scores = allMet(pilot).map((s) => (s.item === 'target.satisfaction' ? { ...s, value: 89.5 } : s));
    const r = scoreInspection(pilot, ['Zhang San'], scores);
    expect(r).toMatchObject({ total: 80, keyItemsFailed: ['target.satisfaction'], meetsPassMark: false });
    const ok = scoreInspection(
      pilot,
      ['Zhang San'],
      allMet(pilot).map((s) => (s.value ? { ...s, value: 90 } : s)),
    );
    expect(ok.meetsPassMark).toBe(true);
  });

  it('refuses unknown, repeated, missing and wrongly-scored items and unnamed inspectors, naming each field', () => {
    const good = allMet(sheet);
    const bad: ScoreInput[] = [
      { ...good[0]!, item: 'nope' },
      { ...good[1]!, inspector: 'Somebody Else' },
      good[1]!,
      { item: good[2]!.item, inspector: 'Zhang San', value: 50 },
      ...good.slice(3, -1),
    ];
    const r = refused(() => scoreInspection(sheet, ['Zhang San'], bad));
    expect(r.kind).toBe('invalid');
    expect(r.errors.map((e) => e.field)).toEqual([
      'body.scores.0.item',
      'body.scores.1.inspector',
      'body.scores.2.item',
      'body.scores.3.grade',
      'body.scores',
    ]);
    expect(r.errors.at(-1)!.reason).toContain(good[0]!.item);
  });
});
