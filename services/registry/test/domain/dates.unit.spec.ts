import { describe, expect, it } from 'vitest';
import { checkNotFuture, parseIsoDate, parsePastDate, parsePeriod } from '../../src/domain/dates.js';

const now = new Date('2026-06-15T23:30:00Z');

describe('dates', () => {
  it('parses strict ISO calendar dates', () => {
    expect(parseIsoDate('2024-02-29')).toEqual({ ok: true, date: '2024-02-29' });
    expect(parseIsoDate('2023-02-29', 'publishedOn')).toEqual({
      ok: false,
      error: { reason: 'publishedOn 2023-02-29 is not a calendar date', field: 'publishedOn' },
    });
    for (const bad of ['2024-2-1', '2024/02/01', '20240201', '2024-02-01T00:00:00Z', '', 'yesterday']) {
      expect(parseIsoDate(bad).ok, bad).toBe(false);
    }
    expect(parseIsoDate('2024-13-01').ok).toBe(false);
    expect(parseIsoDate('2024-00-10').ok).toBe(false);
  });

  it('accepts dates up to today plus the tolerance', () => {
    expect(checkNotFuture('2026-06-16', 'filedOn', { now })).toBeUndefined();
    expect(checkNotFuture('2026-06-17', 'filedOn', { now })).toEqual({
      ok: false,
      error: {
        reason: 'filedOn 2026-06-17 is in the future (latest accepted: 2026-06-16)',
        field: 'filedOn',
      },
    });
    expect(checkNotFuture('2026-06-20', 'filedOn', { now, toleranceDays: 7 })).toBeUndefined();
    expect(checkNotFuture('2026-06-16', 'filedOn', { now, toleranceDays: 0 })).toMatchObject({ ok: false });
  });

  it('combines parsing and the future check', () => {
    expect(parsePastDate('2025-01-01', 'certifiedOn', { now })).toEqual({ ok: true, date: '2025-01-01' });
    expect(parsePastDate('2099-01-01', 'certifiedOn', { now })).toMatchObject({
      ok: false,
      error: { field: 'certifiedOn' },
    });
    expect(parsePastDate('01/01/2025', 'certifiedOn', { now })).toMatchObject({
      ok: false,
      error: { field: 'certifiedOn' },
    });
  });

  it('checks periods: from has happened, to (optional, may be future) is not before from', () => {
    expect(parsePeriod({ from: '2024-01-01' }, { now })).toEqual({
      ok: true,
      period: { from: '2024-01-01' },
    });
    expect(parsePeriod({ from: '2024-01-01', to: '2029-12-31' }, { now })).toEqual({
      ok: true,
      period: { from: '2024-01-01', to: '2029-12-31' },
    });
    expect(parsePeriod({ from: '2024-01-01', to: '2024-01-01' }, { now }).ok).toBe(true);
    expect(parsePeriod({ from: '2024-05-01', to: '2024-04-30' }, { now })).toEqual({
      ok: false,
      error: { reason: 'to 2024-04-30 is before from 2024-05-01', field: 'to' },
    });
    expect(parsePeriod({ from: '2030-01-01' }, { now, fromField: 'seatFrom' })).toMatchObject({
      ok: false,
      error: { field: 'seatFrom' },
    });
    expect(parsePeriod({ from: '2024-01-01', to: '2024-02-30' }, { now, toField: 'seatTo' })).toMatchObject({
      ok: false,
      error: { field: 'seatTo' },
    });
  });
});
