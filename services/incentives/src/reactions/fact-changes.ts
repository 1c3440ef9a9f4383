import { Inject, Injectable } from '@nestjs/common';
import {
  type EventData,
  type EventEnvelope,
  StandardStageChangedV1,
  ZoneRevokedV1,
} from '@highland/contracts';
import { type HandlerContext, OnEvent } from '@highland/messaging';
import { flagApplication } from '../commands/application-lifecycle.js';
import { IncentivesCommands } from '../commands/incentives-commands.js';
import { IncentivesView } from '../view/incentives-view.js';

/** Who flags: the service itself, on a fact another service recorded. */
export const FLAGGER = { department: 'incentives', user: 'highland fact watcher' };
const HOLDING = new Set(['approved', 'awarded', 'paid']);

/**
 * A standard withdrawn or a zone revoked after an application was approved on it flags the
 * application for the office (once: a durable work-shared consumer, and a flag is idempotent).
 */
@Injectable()
export class FactChanges {
  constructor(
    @Inject(IncentivesView) private readonly view: IncentivesView,
    @Inject(IncentivesCommands) private readonly commands: IncentivesCommands,
  ) {}

  @OnEvent(StandardStageChangedV1, { durable: 'incentives-standard-changes' })
  async onStandard(event: EventEnvelope, ctx: HandlerContext): Promise<void> {
    const d = event.data as EventData<typeof StandardStageChangedV1>;
    if (d.to !== 'withdrawn' && d.to !== 'superseded' && d.to !== 'cancelled') return;
    await this.view.registry.facts.waitFor(ctx.streamSeq);
    await this.flag(event, 'registry', 'standard-withdrawn', `${d.code} ${d.to} on ${d.on}`, d.on);
  }

  @OnEvent(ZoneRevokedV1, { durable: 'incentives-zone-revocations' })
  async onZone(event: EventEnvelope, ctx: HandlerContext): Promise<void> {
    const d = event.data as EventData<typeof ZoneRevokedV1>;
    await this.view.zones.facts.waitFor(ctx.streamSeq);
    await this.flag(event, 'zones', 'zone-revoked', `revoked on ${d.on}: ${d.grounds}`.slice(0, 500), d.on);
  }

  private async flag(
    event: EventEnvelope,
    source: 'registry' | 'zones',
    cause: 'standard-withdrawn' | 'zone-revoked',
    detail: string,
    on: string,
  ): Promise<void> {
    const ctx = { actor: FLAGGER, correlationId: event.correlationId, causationId: event.id };
    for (const [id, a] of this.view.applications()) {
      if (!HOLDING.has(a.status)) continue;
      for (const [i, item] of a.items.entries()) {
        if (item.source !== source || this.idOf(source, item.ref, a.applicant) !== event.aggregate.id)
          continue;
        await this.commands.run(flagApplication(id, { item: i, cause, detail, on }), ctx);
      }
    }
  }

  private idOf(source: 'registry' | 'zones', ref: string, applicant: string): string | undefined {
    if (source === 'zones') return this.view.zones.idOf(ref);
    if (this.view.registryItem(ref)) return ref;
    return this.view.standardIdByCode(ref) ?? this.view.filingId(applicant, ref);
  }
}
