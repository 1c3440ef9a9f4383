import { ZoneDeadlineRemindedV1 } from '@highland/contracts';
import { reminderDue } from '../domain/deadlines.js';
import type { ZoneCommand } from './command.js';

/**
 * The reminder a zone is due on `today` (the clock is the caller's): an event naming the department
 * in charge, or unchanged when none is due or it was sent already (another replica was first).
 */
export function remindDeadline(id: string, today: string): ZoneCommand {
  return {
    aggregateId: id,
    name: 'deadline reminder',
    decide: (current) => {
      const zone = current?.state;
      const due = zone && reminderDue(zone, today);
      if (!zone || !due) return undefined;
      return {
        contract: ZoneDeadlineRemindedV1,
        data: {
          milestone: due.deadline.milestone,
          deadline: due.deadline.deadline,
          daysBefore: due.daysBefore,
          daysLeft: due.daysLeft,
          department: zone.department,
        },
      };
    },
  };
}
