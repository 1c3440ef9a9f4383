import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  EnterpriseIcsV1,
  type EventData,
  type EventEnvelope,
  NotificationRecordedV1,
} from '@highland/contracts';
import {
  type HandlerContext,
  type NatsHandle,
  OnEvent,
  requestReply,
  type Topology,
} from '@highland/messaging';
import { NATS, TOPOLOGY } from '@highland/service-kit';
import { inferredExporterId } from '../aggregates/ids.js';
import { raiseAlert } from '../commands/raise-alert.js';
import { TbtCommands } from '../commands/tbt-commands.js';
import { inferredMatches, type MatchableNotification } from '../domain/matching/index.js';
import { TbtView } from '../view/tbt-view.js';

export const SYSTEM_ACTOR = { department: 'tbt-centre', user: 'highland matcher' };
const REGISTRY_CACHE_MS = 30_000;

/**
 * Matches every recorded notification against all profiles (the in-memory index) and raises one
 * alert per exporter, each explaining which rule matched which field; then proactively alerts
 * enterprises whose registered standards share ICS codes, even without a profile.
 */
@Injectable()
export class Matcher {
  private readonly log = new Logger('Matcher');
  private icsCache?: { at: number; map: Map<string, string[]> };

  constructor(
    @Inject(TbtView) private readonly view: TbtView,
    @Inject(TbtCommands) private readonly commands: TbtCommands,
    @Inject(NATS) private readonly nats: NatsHandle,
    @Inject(TOPOLOGY) private readonly topology: Topology,
  ) {}

  @OnEvent(NotificationRecordedV1, { durable: 'tbt-matcher', orderByAggregate: true, concurrency: 4 })
  async onNotification(event: EventEnvelope, ctx: HandlerContext): Promise<void> {
    await this.view.aggregates.waitFor(ctx.streamSeq);
    const d = event.data as EventData<typeof NotificationRecordedV1>;
    const notification: MatchableNotification = {
      member: d.member,
      area: d.area,
      hsCodes: d.hsCodes,
      icsCodes: d.icsCodes,
      title: d.title,
      description: d.description,
      products: d.products,
      keywords: d.keywords,
      objectives: d.objectives,
    };
    const base = {
      threadKey: d.threadKey,
      // A document recorded again under its symbol keeps the alerts of its earlier record: one
      // alert per exporter and document, whatever key the document was first known by.
      documentKey: d.supersedes ?? d.documentKey,
      ...(d.symbol ? { symbol: d.symbol } : {}),
      title: d.title,
      member: d.member,
      ...(d.threadDeadline ? { commentDeadline: d.threadDeadline } : {}),
    };
    const ctxOf = { actor: SYSTEM_ACTOR, correlationId: event.correlationId, causationId: event.id };
    const matched = this.view.index.match(notification);
    for (const m of matched) {
      await this.commands.run(
        raiseAlert({
          ...base,
          exporterId: m.profileId,
          enterprise: m.enterpriseId,
          inferred: false,
          reasons: m.reasons,
        }),
        ctxOf,
      );
    }
    const registered = await this.registryIcs();
    const enterprises = new Set(matched.map((m) => m.enterpriseId));
    for (const m of inferredMatches(notification, registered, { exclude: enterprises })) {
      await this.commands.run(
        raiseAlert({
          ...base,
          exporterId: inferredExporterId(m.enterpriseId),
          enterprise: m.enterpriseId,
          inferred: true,
          reasons: m.reasons,
        }),
        ctxOf,
      );
    }
  }

  /** The registry's enterprises and their standards' ICS codes (request/reply); none when the registry is down. */
  private async registryIcs(): Promise<Map<string, string[]>> {
    if (this.icsCache && Date.now() - this.icsCache.at < REGISTRY_CACHE_MS) return this.icsCache.map;
    try {
      const answer = await requestReply(this.nats, this.topology, EnterpriseIcsV1, {}, { timeoutMs: 3_000 });
      this.icsCache = { at: Date.now(), map: new Map(Object.entries(answer)) };
    } catch (err) {
      this.log.warn(`registry not answering, no inferred alerts this time: ${(err as Error).message}`);
      return this.icsCache?.map ?? new Map();
    }
    return this.icsCache.map;
  }
}
