import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { Leadership, type NatsHandle, type Topology } from '@highland/messaging';
import { isDuplicateKeyError } from '@highland/persistence';
import { CONFIG, MONGO, NATS, TOPOLOGY } from '@highland/service-kit';
import type { Connection } from 'mongoose';
import { threadId } from '../aggregates/ids.js';
import type { TbtConfig } from '../config.js';
import { remindersDue } from '../domain/reminders.js';
import { TbtView } from '../view/tbt-view.js';
import { renderDigest, renderReminder } from './mail.js';
import { Mailer } from './mailer.js';

export interface TickReport {
  now: string;
  reminders: Array<{ alertId: string; key: string; file: string }>;
  digests: Array<{ exporterId: string; period: string; alerts: number; file: string }>;
}

/**
 * Reminders 30 and 7 days before a comment deadline, and daily/weekly digests, rendered as HTML
 * e-mail bodies sent by SMTP or written to the outbox folder (see `Mailer`). Runs on the
 * replica holding the scheduler lease; every message is recorded by a unique-key insert first, so
 * it goes out once even across replicas and restarts. The clock is a parameter: tests pass one.
 */
@Injectable()
export class Scheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('Scheduler');
  private leadership!: Leadership;
  private timer?: NodeJS.Timeout;
  private readonly mailer: Mailer;

  constructor(
    @Inject(CONFIG) private readonly config: TbtConfig,
    @Inject(TbtView) private readonly view: TbtView,
    @Inject(MONGO) private readonly mongo: Connection,
    @Inject(NATS) private readonly nats: NatsHandle,
    @Inject(TOPOLOGY) private readonly topology: Topology,
  ) {
    this.mailer = new Mailer({
      outboxDir: config.TBT_OUTBOX_DIR,
      smtpUrl: config.TBT_SMTP_URL,
      from: config.TBT_MAIL_FROM,
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    this.leadership = new Leadership(this.nats, this.topology, 'tbt-scheduler');
    await this.leadership.start();
    this.timer = setInterval(() => {
      if (this.leadership.leader)
        void this.tick(new Date()).catch((err: Error) => this.log.warn(err.message));
    }, this.config.TBT_SCHEDULER_INTERVAL_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.leadership?.stop();
  }

  private async once(collection: string, id: string): Promise<boolean> {
    try {
      await this.mongo
        .db!.collection<{ _id: string; at: Date }>(collection)
        .insertOne({ _id: id, at: new Date() });
      return true;
    } catch (err) {
      if (isDuplicateKeyError(err)) return false;
      throw err;
    }
  }

  async tick(now: Date): Promise<TickReport> {
    const report: TickReport = { now: now.toISOString(), reminders: [], digests: [] };
    const alerts = this.view.allAlerts();
    // One reminder per exporter and thread, against the thread's current deadline: an addendum
    // that moves the deadline gives new reminder keys, so the schedule follows it.
    const pairs = new Map<string, (typeof alerts)[number]>();
    for (const a of alerts) {
      if (a.acknowledgement?.action === 'ignore') continue;
      const key = `${a.exporterId}|${a.threadKey}`;
      const seen = pairs.get(key);
      if (!seen || seen.raisedAt > a.raisedAt) pairs.set(key, a);
    }
    for (const [pair, alert] of pairs) {
      const thread = this.view.get(threadId(alert.threadKey))?.state;
      const deadline = thread?.kind === 'thread' ? thread.deadline : alert.commentDeadline;
      if (!deadline) continue;
      const state = remindersDue({ deadline, now, since: new Date(alert.raisedAt) });
      for (const r of state.due) {
        if (!(await this.once('reminders_sent', `${pair}|${r.key}`))) continue;
        const file = await this.mailer.send({
          to: this.view.profile(alert.exporterId)?.delivery.email,
          subject: `TBT: ${r.daysBefore} days left to comment on ${alert.symbol ?? alert.title}`,
          html: renderReminder({ ...alert, commentDeadline: deadline }, r.daysBefore),
          name: `reminder-${alert.exporterId}-${alert.id}-${r.key.replace(/[^0-9a-z-]/gi, '_')}.html`,
        });
        report.reminders.push({ alertId: alert.id, key: r.key, file });
      }
    }
    for (const profile of this.view.profiles()) {
      const digest = profile.delivery.digest;
      if (digest === 'none') continue;
      const days = digest === 'daily' ? 1 : 7;
      const period = periodKey(now, digest);
      const since = now.getTime() - days * 86_400_000;
      const recent = alerts.filter(
        (a) => a.exporterId === profile.exporterId && Date.parse(a.raisedAt) >= since,
      );
      if (!(await this.once('digests_sent', `${profile.exporterId}|${period}`))) continue;
      const file = await this.mailer.send({
        to: profile.delivery.email,
        subject: `TBT ${digest} digest ${period}: ${recent.length} new alert(s)`,
        html: renderDigest(profile.enterprise, digest, period, recent),
        name: `digest-${profile.exporterId}-${period}.html`,
      });
      report.digests.push({ exporterId: profile.exporterId, period, alerts: recent.length, file });
    }
    return report;
  }
}

/** `2026-11-26` for a daily digest, `2026-W48` for a weekly one (ISO week, district time). */
export function periodKey(now: Date, digest: 'daily' | 'weekly'): string {
  const local = new Date(now.getTime() + 8 * 3_600_000);
  if (digest === 'daily') return local.toISOString().slice(0, 10);
  const day = (local.getUTCDay() + 6) % 7;
  const thursday = new Date(
    Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() - day + 3),
  );
  const firstThursday = new Date(Date.UTC(thursday.getUTCFullYear(), 0, 4));
  const week =
    1 +
    Math.round(
      (thursday.getTime() - firstThursday.getTime()) / 604_800_000 -
        (((firstThursday.getUTCDay() + 6) % 7) - 3) / 7,
    );
  return `${thursday.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}
