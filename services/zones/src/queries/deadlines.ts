import { z } from 'zod';
import { daysBetween, deadlineOf } from '../domain/deadlines.js';
import { IN_CONSTRUCTION } from '../domain/lifecycle.js';
import type { ZonesView } from '../view/zones-view.js';

export const DeadlinesQuery = z
  .object({
    department: z.string().max(63).optional(),
    /** Due within this many days (overdue ones always included). */
    within: z.coerce.number().int().min(0).max(3650).default(90),
    overdue: z.enum(['true', 'false']).optional(),
  })
  .strict();
export type DeadlinesParams = z.infer<typeof DeadlinesQuery>;

/**
 * What is due: each zone's next deadline (acceptance at the end of construction, or rectification),
 * soonest first, overdue ones flagged — what the department must prepare and what the office
 * chases.
 */
export function listDeadlines(view: ZonesView, q: DeadlinesParams, today: string) {
  const items = [];
  for (const [id, e] of view.zones(IN_CONSTRUCTION)) {
    const zone = e.state;
    if (q.department && zone.department !== q.department) continue;
    const d = deadlineOf(zone);
    if (!d) continue;
    const daysLeft = daysBetween(today, d.deadline);
    const overdue = daysLeft < 0;
    if (q.overdue !== undefined && overdue !== (q.overdue === 'true')) continue;
    if (!overdue && daysLeft > q.within) continue;
    items.push({
      id,
      name: zone.name,
      department: zone.department,
      state: zone.state,
      milestone: d.milestone,
      deadline: d.deadline,
      daysLeft,
      overdue,
      reminded: zone.reminders
        .filter((r) => r.startsWith(`${d.milestone}:${d.deadline}:`))
        .map((r) => Number(r.split(':')[2])),
    });
  }
  items.sort((a, b) => a.deadline.localeCompare(b.deadline) || a.name.localeCompare(b.name));
  return { today, total: items.length, items };
}
