// Date fields check calendars by arithmetic; this pins them to what Date parsing says.
import { describe, expect, it } from 'vitest';
import { AnyDate, calendarDateMs, PastDate } from '../../src/commands/fields.js';

const byDateParsing = (s: string) => {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s ? d.getTime() : undefined;
};

describe('date fields', () => {
  it('calendarDateMs agrees with Date parsing on every day, month and leap-year edge', () => {
    const years = [0, 4, 99, 100, 400, 1900, 1946, 1999, 2000, 2015, 2016, 2024, 2100, 2400, 9999];
    for (const y of years)
      for (let m = 0; m <= 13; m++)
        for (let d = 0; d <= 32; d++) {
          const s = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
          expect(calendarDateMs(s), s).toBe(byDateParsing(s));
        }
    for (const s of ['2015-1-1', '', 'x', ' 2015-01-01', '2015-01-011'])
      expect(calendarDateMs(s)).toBeUndefined();
  });

  it('PastDate and AnyDate refuse what they always refused, with the same reasons', () => {
    const reasons = (r: { success: boolean; error?: { issues: Array<{ message: string }> } }) =>
      r.success ? [] : r.error!.issues.map((i) => i.message);
    expect(reasons(PastDate.safeParse('2015-02-28'))).toEqual([]);
    expect(reasons(PastDate.safeParse('2015-02-30'))).toEqual(['not a calendar date']);
    expect(reasons(PastDate.safeParse('1945-12-31'))).toEqual(['before 1946']);
    expect(reasons(PastDate.safeParse(`${new Date().getUTCFullYear() + 2}-01-01`))).toEqual([
      'in the future',
    ]);
    expect(reasons(PastDate.safeParse('2015-13-01'))).toEqual(['not a calendar date', 'in the future']);
    expect(reasons(AnyDate.safeParse('2099-02-29'))).toEqual(['not a calendar date']);
    expect(reasons(AnyDate.safeParse('2096-02-29'))).toEqual([]);
  });
});
