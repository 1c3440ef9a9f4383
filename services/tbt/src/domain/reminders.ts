import { addDays, epochDay, type IsoDate } from './dates.js';

/**
 * Reminders before the final date for comments: by default 30 and 7 days before, at 09:00
 * district time (UTC+8). Everything is a pure function of the deadline and `now`, so a deadline
 * moved by an addendum simply yields a new schedule: reminder keys carry the deadline they were
 * computed for, and reminders sent for the old deadline do not silence the new ones.
 */
export const DISTRICT_UTC_OFFSET_MINUTES = 8 * 60;
export const DEFAULT_REMINDER_DAYS: readonly number[] = [30, 7];

/** The clock, injectable for tests. */
export type Clock = () => Date;
export const systemClock: Clock = () => new Date();

export interface ReminderOptions {
  /** Days before the deadline (default 30 and 7). */
  daysBefore?: readonly number[];
  /** Local hour of the reminder, 0–23 (default 9). */
  atHour?: number;
  /** The district's offset from UTC in minutes (default +480, China Standard Time). */
  utcOffsetMinutes?: number;
}

export interface Reminder {
  /** `<deadline>:<n>d` — stable, and new whenever the deadline moves. */
  key: string;
  deadline: IsoDate;
  daysBefore: number;
  /** When it is due, as an ISO instant (UTC). */
  at: string;
}

export interface ReminderState {
  /** Due now and not yet sent: at most one (the latest whose time has come). */
  due: Reminder[];
  /** Passed and not sent, but superseded by a later one or scheduled before `since`: never sent. */
  skipped: Reminder[];
  /** The next reminder to come, for a timer. */
  next?: Reminder;
  /** The comment period is over (deadline day ended, district time): nothing is due any more. */
  closed: boolean;
  /** Whole days from today (district calendar) to the deadline; negative once it has passed. */
  daysLeft: number;
}

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

function offsetOf(options: ReminderOptions): number {
  return options.utcOffsetMinutes ?? DISTRICT_UTC_OFFSET_MINUTES;
}

/** The instant a district-local date and hour fall on. */
function localInstant(date: IsoDate, hour: number, offsetMinutes: number): Date {
  return new Date(epochDay(date) * DAY_MS + hour * 60 * MINUTE_MS - offsetMinutes * MINUTE_MS);
}

/** Today's date in the district. */
export function districtDate(now: Date, utcOffsetMinutes = DISTRICT_UTC_OFFSET_MINUTES): IsoDate {
  return new Date(now.getTime() + utcOffsetMinutes * MINUTE_MS).toISOString().slice(0, 10);
}

/** The end of the deadline day in the district (comments are taken all that day). */
export function deadlineEnd(deadline: IsoDate, utcOffsetMinutes = DISTRICT_UTC_OFFSET_MINUTES): Date {
  return localInstant(addDays(deadline, 1), 0, utcOffsetMinutes);
}

/** Every reminder of a deadline, earliest first. */
export function reminderSchedule(deadline: IsoDate, options: ReminderOptions = {}): Reminder[] {
  const hour = options.atHour ?? 9;
  if (!Number.isInteger(hour) || hour < 0 || hour > 23) throw new Error(`atHour must be 0–23, not ${hour}`);
  const days = [...new Set(options.daysBefore ?? DEFAULT_REMINDER_DAYS)];
  for (const d of days) {
    if (!Number.isInteger(d) || d < 0)
      throw new Error(`reminder days must be whole and not negative, not ${d}`);
  }
  return days
    .sort((a, b) => b - a)
    .map((daysBefore) => ({
      key: `${deadline}:${daysBefore}d`,
      deadline,
      daysBefore,
      at: localInstant(addDays(deadline, -daysBefore), hour, offsetOf(options)).toISOString(),
    }));
}

export interface ReminderInput extends ReminderOptions {
  deadline: IsoDate;
  now: Date;
  /** Keys of reminders already sent (any deadline). */
  sent?: Iterable<string>;
  /** Reminders scheduled before this (e.g. the alert's creation) are never sent: no "30 days left" on day 20. */
  since?: Date;
}

/**
 * What to send now and when to look again. Of the reminders whose time has come and that were
 * not sent, only the latest is due — missed earlier ones are skipped, not sent in a burst — and
 * none once the deadline day is over.
 */
export function remindersDue(input: ReminderInput): ReminderState {
  const offset = offsetOf(input);
  const schedule = reminderSchedule(input.deadline, input);
  const sent = new Set(input.sent ?? []);
  const now = input.now.getTime();
  const daysLeft = epochDay(input.deadline) - epochDay(districtDate(input.now, offset));
  const closed = now >= deadlineEnd(input.deadline, offset).getTime();
  const state: ReminderState = { due: [], skipped: [], closed, daysLeft };
  if (closed) {
    state.skipped = schedule.filter((r) => !sent.has(r.key));
    return state;
  }
  const passed = schedule.filter((r) => Date.parse(r.at) <= now);
  const next = schedule.find((r) => Date.parse(r.at) > now);
  if (next !== undefined) state.next = next;
  const since = input.since?.getTime() ?? Number.NEGATIVE_INFINITY;
  const latest = passed.at(-1);
  for (const reminder of passed) {
    if (sent.has(reminder.key)) continue;
    if (reminder === latest && Date.parse(reminder.at) >= since) state.due.push(reminder);
    else state.skipped.push(reminder);
  }
  return state;
}
