import { describe, expect, it } from 'vitest';
import { buildThread, type ThreadDocument } from '../../src/domain/thread.js';
import {
  deadlineEnd,
  districtDate,
  reminderSchedule,
  remindersDue,
  type Clock,
} from '../../src/domain/reminders.js';

/** A clock the test moves by hand. */
function fakeClock(start: string): Clock & { set(at: string): void } {
  let now = new Date(start);
  const clock = (() => now) as Clock & { set(at: string): void };
  clock.set = (at: string) => {
    now = new Date(at);
  };
  return clock;
}

describe('reminderSchedule', () => {
  it('puts reminders 30 and 7 days before the deadline at 09:00 district time (UTC+8)', () => {
    expect(reminderSchedule('2025-08-09')).toEqual([
      { key: '2025-08-09:30d', deadline: '2025-08-09', daysBefore: 30, at: '2025-07-10T01:00:00.000Z' },
      { key: '2025-08-09:7d', deadline: '2025-08-09', daysBefore: 7, at: '2025-08-02T01:00:00.000Z' },
    ]);
    expect(reminderSchedule('2025-08-09', { daysBefore: [1], atHour: 0, utcOffsetMinutes: 0 })[0]!.at).toBe(
      '2025-08-08T00:00:00.000Z',
    );
    expect(() => reminderSchedule('2025-08-09', { atHour: 24 })).toThrow('atHour must be 0–23');
  });

  it('knows the district day and the end of the deadline day', () => {
    expect(districtDate(new Date('2025-08-09T15:59:59Z'))).toBe('2025-08-09');
    expect(districtDate(new Date('2025-08-09T16:00:00Z'))).toBe('2025-08-10');
    expect(deadlineEnd('2025-08-09').toISOString()).toBe('2025-08-09T16:00:00.000Z');
  });
});

describe('remindersDue with a fake clock', () => {
  it('walks through a comment period', () => {
    const clock = fakeClock('2025-06-10T02:00:00Z');
    const sent = new Set<string>();
    const step = () => {
      const state = remindersDue({ deadline: '2025-08-09', now: clock(), sent });
      for (const r of state.due) sent.add(r.key);
      return state;
    };

    let state = step();
    expect(state).toMatchObject({
      due: [],
      skipped: [],
      closed: false,
      daysLeft: 60,
      next: { key: '2025-08-09:30d' },
    });

    clock.set('2025-07-10T00:59:59Z'); // one second early
    expect(step().due).toEqual([]);
    clock.set('2025-07-10T01:00:00Z');
    state = step();
    expect(state.due.map((r) => r.key)).toEqual(['2025-08-09:30d']);
    expect(state).toMatchObject({ daysLeft: 30, next: { key: '2025-08-09:7d' } });
    expect(step().due).toEqual([]); // sent once only

    clock.set('2025-08-02T03:00:00Z');
    expect(step().due.map((r) => r.key)).toEqual(['2025-08-09:7d']);
    clock.set('2025-08-09T15:00:00Z');
    expect(step()).toMatchObject({ due: [], closed: false, daysLeft: 0 });
    expect(step().next).toBeUndefined();
    clock.set('2025-08-09T16:00:00Z');
    expect(step()).toMatchObject({ due: [], closed: true, daysLeft: -1 });
  });

  it('sends only the latest missed reminder, and none scheduled before the alert existed', () => {
    const late = remindersDue({ deadline: '2025-08-09', now: new Date('2025-08-05T00:00:00Z') });
    expect(late.due.map((r) => r.key)).toEqual(['2025-08-09:7d']);
    expect(late.skipped.map((r) => r.key)).toEqual(['2025-08-09:30d']);
    const newAlert = remindersDue({
      deadline: '2025-08-09',
      now: new Date('2025-07-20T00:00:00Z'),
      since: new Date('2025-07-15T00:00:00Z'),
    });
    expect(newAlert.due).toEqual([]);
    expect(newAlert.skipped.map((r) => r.key)).toEqual(['2025-08-09:30d']);
    expect(newAlert.next?.key).toBe('2025-08-09:7d');
  });

  it('reschedules when an addendum moves the deadline', () => {
    const base: ThreadDocument = {
      identity: { key: 'G/TBT/N/USA/2000', source: 'symbol' },
      symbol: 'G/TBT/N/USA/2000',
      kind: 'regular',
      area: 'TBT',
      member: 'USA',
      distributedOn: '2025-06-10',
      title: 'Energy efficiency of chargers',
      description: '',
      keywords: [],
      referencedSymbols: [],
      commentDeadline: '2025-08-09',
    };
    const extension: ThreadDocument = {
      ...base,
      identity: { key: 'G/TBT/N/USA/2000/Add.1', source: 'symbol' },
      symbol: 'G/TBT/N/USA/2000/Add.1',
      kind: 'addendum',
      distributedOn: '2025-08-05',
      title: 'Energy efficiency of chargers: extension of the comment period',
      commentDeadline: '2025-09-30',
    };
    const sent = new Set(['2025-08-09:30d', '2025-08-09:7d']);
    const now = new Date('2025-08-06T00:00:00Z');
    const before = remindersDue({ deadline: buildThread([base]).commentDeadline!, now, sent });
    expect(before.due).toEqual([]);

    const thread = buildThread([base, extension]);
    expect(thread.commentDeadline).toBe('2025-09-30');
    const after = remindersDue({ deadline: thread.commentDeadline!, now, sent });
    expect(after.due).toEqual([]);
    expect(after.next).toEqual({
      key: '2025-09-30:30d',
      deadline: '2025-09-30',
      daysBefore: 30,
      at: '2025-08-31T01:00:00.000Z',
    });
    const later = remindersDue({
      deadline: thread.commentDeadline!,
      now: new Date('2025-09-23T01:00:00Z'),
      sent,
    });
    expect(later.due.map((r) => r.key)).toEqual(['2025-09-30:7d']);
  });
});
