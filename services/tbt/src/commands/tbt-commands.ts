import { Inject, Injectable } from '@nestjs/common';
import {
  type Actor,
  AlertAcknowledgedV1,
  AlertDeliveredV1,
  AlertRaisedV1,
  type EventData,
  ExporterProfileRecordedV1,
} from '@highland/contracts';
import type { EventPublisher, NatsHandle, Topology } from '@highland/messaging';
import { CommandExecutor, type CommandResult, type Decision } from '@highland/persistence';
import { ConflictProblem, NATS, NotFoundProblem, PUBLISHER, TOPOLOGY } from '@highland/service-kit';
import { alertId, profileId } from '../aggregates/ids.js';
import type { AlertState, TbtState } from '../aggregates/state.js';
import type { NotificationDraft } from '../domain/notification.js';
import { TbtView, type Entry } from '../view/tbt-view.js';
import { type NotificationSource, recordNotification } from './record-notification.js';

export interface Ctx {
  actor: Actor;
  correlationId: string;
  causationId?: string;
  eventId?: string;
}

/** Every TBT state change goes through here: one guarded publish per command. */
@Injectable()
export class TbtCommands {
  private readonly executor: CommandExecutor<TbtState>;

  constructor(
    @Inject(NATS) nats: NatsHandle,
    @Inject(TOPOLOGY) topology: Topology,
    @Inject(PUBLISHER) publisher: EventPublisher,
    @Inject(TbtView) readonly view: TbtView,
  ) {
    this.executor = new CommandExecutor(nats, topology, 'tbt', publisher, view.aggregates);
  }

  private run(
    aggregateId: string,
    reason: string,
    ctx: Ctx,
    decide: (c: Entry | undefined) => Decision | undefined,
  ) {
    return this.executor.execute({
      aggregateId,
      decide,
      actor: ctx.actor,
      reason,
      correlationId: ctx.correlationId,
      ...(ctx.causationId ? { causationId: ctx.causationId } : {}),
      ...(ctx.eventId ? { eventId: ctx.eventId } : {}),
    });
  }

  recordNotification(
    draft: NotificationDraft,
    source: NotificationSource,
    ctx: Ctx,
  ): Promise<CommandResult<TbtState>> {
    const cmd = recordNotification(draft, source);
    return this.run(cmd.aggregateId, `record notification (${source})`, ctx, cmd.decide);
  }

  recordProfile(data: EventData<typeof ExporterProfileRecordedV1>, ctx: Ctx) {
    return this.run(profileId(data.exporterId), 'record exporter profile', ctx, (current) => {
      if (
        current &&
        JSON.stringify({ ...current.state, kind: undefined, updatedAt: undefined }) ===
          JSON.stringify({ ...data, kind: undefined, updatedAt: undefined })
      ) {
        return undefined;
      }
      return { contract: ExporterProfileRecordedV1, data };
    });
  }

  /** One alert per exporter and document, however often the document is imported or matched. */
  raiseAlert(data: EventData<typeof AlertRaisedV1>, ctx: Ctx) {
    return this.run(alertId(data.exporterId, data.documentKey), 'notification matched', ctx, (current) =>
      current ? undefined : { contract: AlertRaisedV1, data },
    );
  }

  recordDelivery(id: string, data: EventData<typeof AlertDeliveredV1>, ctx: Ctx) {
    return this.run(id, `webhook ${data.outcome}`, ctx, (current) => {
      const s = current?.state as AlertState | undefined;
      if (!s || s.kind !== 'alert') throw new NotFoundProblem(`no alert ${id}`);
      return s.delivery?.outcome === 'delivered' ? undefined : { contract: AlertDeliveredV1, data };
    });
  }

  acknowledge(
    id: string,
    exporterId: string | undefined,
    data: EventData<typeof AlertAcknowledgedV1>,
    ctx: Ctx,
  ) {
    return this.run(id, 'alert acknowledged', ctx, (current) => {
      const s = current?.state as AlertState | undefined;
      if (!s || s.kind !== 'alert' || (exporterId && s.exporterId !== exporterId))
        throw new NotFoundProblem(`no alert ${id}`);
      if (
        s.acknowledgement &&
        JSON.stringify({ ...s.acknowledgement, at: undefined, by: undefined }) === JSON.stringify(data)
      )
        return undefined;
      if (s.acknowledgement?.tradeConcernCandidate && !data.tradeConcernCandidate) {
        throw new ConflictProblem(
          'this alert was already proposed as a trade concern; the office decides on it now',
          [{ field: 'body.tradeConcernCandidate', reason: 'cannot be withdrawn here' }],
        );
      }
      return { contract: AlertAcknowledgedV1, data };
    });
  }
}
