import type { ZoneState } from './state.js';

/** Days before a deadline the department in charge is reminded. */
export const REMINDER_DAYS = [30, 7] as const;
export type ReminderDays = (typeof REMINDER_DAYS)[number];

export interface Deadline {
  milestone: 'acceptance' | 'rectification';
  deadline: string;
}

const DAY = 86_400_000;
/** Whole days from `today` to `date` (both YYYY-MM-DD); negative when past. */
export const daysBetween = (today: string, date: string) =>
  Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / DAY);

/**
 * What a zone has to meet next: acceptance by the end of its construction period while it is
 * being built, or the rectification deadline while it rectifies. None once decided or closed.
 */
export function deadlineOf(zone: ZoneState): Deadline | undefined {
  switch (zone.state) {
    case 'approved':
    case 'under-construction':
    case 'midterm-reviewed':
      return zone.approval ? { milestone: 'acceptance', deadline: zone.approval.constructionTo } : undefined;
    case 'rectification-required': {
      const r = zone.rectifications.at(-1);
      return r ? { milestone: 'rectification', deadline: r.deadline } : undefined;
    }
    default:
      return undefined;
  }
}

export const reminderKey = (d: Deadline, days: ReminderDays) => `${d.milestone}:${d.deadline}:${days}`;

/**
 * The reminder a zone is due today, if any: 30 days before (while more than 7 days are left), then
 * 7 days before; each once per deadline (a new rectification deadline is reminded afresh). A
 * deadline first seen within 7 days gets the 7-day reminder only; a past one none (it is overdue).
 */
export function reminderDue(
  zone: ZoneState,
  today: string,
): { deadline: Deadline; daysBefore: ReminderDays; daysLeft: number } | undefined {
  const deadline = deadlineOf(zone);
  if (!deadline) return undefined;
  const daysLeft = daysBetween(today, deadline.deadline);
  if (daysLeft < 0) return undefined;
  const sent = new Set(zone.reminders);
  if (daysLeft <= 7)
    return sent.has(reminderKey(deadline, 7)) ? undefined : { deadline, daysBefore: 7, daysLeft };
  if (daysLeft <= 30)
    return sent.has(reminderKey(deadline, 30)) ? undefined : { deadline, daysBefore: 30, daysLeft };
  return undefined;
}
