import { describe, expect, it } from 'vitest';
import { instantOf, monthOf, monthsUpTo, planWindow, shareElapsed } from '../../src/domain/calendar.js';

describe('calendar (district time, UTC+8)', () => {
  it('reads dates and offset-less times as district-local, others as given', () => {
    expect(instantOf('2013-01-01')).toBe(Date.parse('2012-12-31T16:00:00Z'));
    expect(instantOf('2013-01-01T08:00')).toBe(Date.parse('2013-01-01T00:00:00Z'));
    expect(instantOf('2013-01-01T08:00:00Z')).toBe(Date.parse('2013-01-01T08:00:00Z'));
    expect(instantOf('not a date')).toBeNaN();
  });

  it('buckets months in district time', () => {
    expect(monthOf(Date.parse('2013-01-31T20:00:00Z'))).toBe('2013-02');
    expect(monthOf(Date.parse('2013-01-31T15:59:59Z'))).toBe('2013-01');
  });

  it('spans whole days and measures the share elapsed', () => {
    const w = planWindow({ start: '2013-01-01', end: '2015-12-31' });
    expect(w.endMs - w.startMs).toBe(1095 * 24 * 3600 * 1000);
    expect(shareElapsed(w, Date.parse('2014-07-02T12:00:00+08:00'))).toBe(0.5);
    expect(shareElapsed(w, Date.parse('2010-01-01'))).toBe(0);
    expect(shareElapsed(w, Date.parse('2020-01-01'))).toBe(1);
  });

  it('lists months from the start to asOf, capped at the period end', () => {
    const w = planWindow({ start: '2013-11-15', end: '2014-02-10' });
    expect(monthsUpTo(w, Date.parse('2013-12-01T00:00:00+08:00'))).toEqual(['2013-11', '2013-12']);
    expect(monthsUpTo(w, Date.parse('2030-01-01'))).toEqual(['2013-11', '2013-12', '2014-01', '2014-02']);
    expect(monthsUpTo(w, Date.parse('2013-11-14T23:59:00+08:00'))).toEqual([]);
  });
});
