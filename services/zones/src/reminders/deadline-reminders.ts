import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { CONFIG } from '@highland/service-kit';
import type { ZonesConfig } from '../config.js';
import { reminderDue } from '../domain/deadlines.js';
import { IN_CONSTRUCTION } from '../domain/lifecycle.js';
import { ZonesView } from '../view/zones-view.js';
import { remindDeadline } from '../commands/remind-deadline.js';
import { ZonesCommands } from '../commands/zones-commands.js';

/** The clock reminders and deadlines read: injectable, so tests choose "today". */
export const ZONES_CLOCK = Symbol('zones.clock');
export interface Clock {
  now(): Date;
}
export const systemClock = (): Clock => ({ now: () => new Date() });

const ACTOR = { department: 'office', user: 'deadline-reminders' };

/**
 * Reminds the department in charge of each zone's next deadline 30 and 7 days before it, as
 * events on the zone (`zones.zone-deadline-reminded`): every replica checks, the aggregate's
 * expected sequence lets one record it, the others find it sent.
 */
@Injectable()
export class DeadlineReminders implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('DeadlineReminders');
  private timer?: NodeJS.Timeout;

  constructor(
    @Inject(ZonesView) private readonly view: ZonesView,
    @Inject(ZonesCommands) private readonly commands: ZonesCommands,
    @Inject(ZONES_CLOCK) private readonly clock: Clock,
    @Inject(CONFIG) private readonly config: ZonesConfig,
  ) {}

  onApplicationBootstrap(): void {
    const every = this.config.ZONES_REMINDER_CHECK_MS;
    if (every > 0)
      this.timer = setInterval(() => {
        this.run().catch((err: unknown) => this.log.warn(`reminder check failed: ${String(err)}`));
      }, every).unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** One pass: the reminders due today, recorded. Returns how many were sent. */
  async run(): Promise<number> {
    const today = this.clock.now().toISOString().slice(0, 10);
    let sent = 0;
    for (const [id, entry] of [...this.view.zones(IN_CONSTRUCTION)]) {
      if (!reminderDue(entry.state, today)) continue;
      const result = await this.commands.run(remindDeadline(id, today), {
        actor: ACTOR,
        correlationId: `reminders-${today}`,
      });
      if (result.changed) sent++;
    }
    return sent;
  }
}
