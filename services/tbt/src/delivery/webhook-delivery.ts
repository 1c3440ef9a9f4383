import { Inject, Injectable } from '@nestjs/common';
import { AlertRaisedV1, type EventData, type EventEnvelope } from '@highland/contracts';
import { type HandlerContext, type NatsHandle, OnEvent, type Topology } from '@highland/messaging';
import { CONFIG, MONGO, NATS, TOPOLOGY } from '@highland/service-kit';
import type { Connection } from 'mongoose';
import type { AlertState } from '../aggregates/state.js';
import { recordDelivery } from '../commands/record-delivery.js';
import { TbtCommands } from '../commands/tbt-commands.js';
import { type TbtConfig, webhookRetries } from '../config.js';
import { WebhookClient } from '../adapters/webhook-client.js';
import { signWebhook, SIGNATURE_HEADER } from '../adapters/webhook-signature.js';
import { TbtView } from '../view/tbt-view.js';
import { SYSTEM_ACTOR } from './matcher.js';
import { WebhookSecrets } from './secrets.js';

const HOUR = 3_600_000;

function withoutQuery(url: string): string {
  const u = new URL(url);
  return `${u.origin}${u.pathname}`;
}

/** Live alerts per exporter on core NATS: `tbt.alerts.<exporterId>` under the namespace. */
export const alertsSubject = (topology: Topology, exporterId: string) =>
  topology.serviceSubject('tbt', 'alerts', exporterId);

/**
 * Delivers alerts at least once: a signed POST to the exporter's webhook, acked only after a 2xx,
 * retried with backoff (by default for more than 24 hours: `TBT_WEBHOOK_BACKOFF_MS`), then
 * dead-lettered (re-drivable). An exporter's
 * alerts go out in order: a later one waits while an earlier one is still being retried. Each
 * attempt is written to the delivery log.
 */
@Injectable()
export class WebhookDelivery {
  /** Read by the consumer's options below, once Nest has built this provider. */
  readonly retries: { backoffMs: number[]; maxDeliver: number };
  /** A call may take its whole timeout: the message is not redelivered meanwhile. */
  readonly ackWaitMs: number;

  constructor(
    @Inject(CONFIG) config: TbtConfig,
    @Inject(TbtView) private readonly view: TbtView,
    @Inject(TbtCommands) private readonly commands: TbtCommands,
    @Inject(WebhookSecrets) private readonly secrets: WebhookSecrets,
    @Inject(WebhookClient) private readonly client: WebhookClient,
    @Inject(MONGO) private readonly mongo: Connection,
    @Inject(NATS) private readonly nats: NatsHandle,
    @Inject(TOPOLOGY) private readonly topology: Topology,
  ) {
    this.retries = webhookRetries(config);
    this.ackWaitMs = Math.max(
      30_000,
      2 * (config.TBT_WEBHOOK_CONNECT_TIMEOUT_MS + config.TBT_WEBHOOK_TIMEOUT_MS),
    );
  }

  private get log() {
    return this.mongo.db!.collection('deliveries');
  }

  /** The NATS subject per exporter: once per alert (a work-sharing consumer). */
  @OnEvent(AlertRaisedV1, { durable: 'tbt-alert-subjects' })
  async announce(event: EventEnvelope): Promise<void> {
    const d = event.data as EventData<typeof AlertRaisedV1>;
    this.nats.nc.publish(
      alertsSubject(this.topology, d.exporterId),
      JSON.stringify({ alertId: event.aggregate.id, ...d }),
    );
    await this.nats.nc.flush();
  }

  /**
   * A failed attempt: retried by the consumer's backoff; on the last one the alert is recorded as
   * dead-lettered (an event: the exporter was not reached, and why) before the message goes to the
   * dead-letter stream, where `./highland dlq redrive` can try it again.
   */
  private async fail(
    event: EventEnvelope,
    ctx: HandlerContext,
    reason: string,
    status?: number,
  ): Promise<never> {
    if (ctx.deliveryCount >= this.retries.maxDeliver) {
      await this.commands.run(
        recordDelivery(event.aggregate.id, {
          channel: 'webhook',
          outcome: 'dead-lettered',
          attempts: ctx.deliveryCount,
          ...(status ? { status } : {}),
          error: reason.slice(0, 500),
        }),
        { actor: SYSTEM_ACTOR, correlationId: event.correlationId, causationId: event.id },
      );
    }
    throw new Error(reason);
  }

  @OnEvent(AlertRaisedV1, (self: WebhookDelivery) => ({
    durable: 'tbt-webhooks',
    ...self.retries,
    concurrency: 16,
    ackWaitMs: self.ackWaitMs,
  }))
  async deliver(event: EventEnvelope, ctx: HandlerContext): Promise<void> {
    await this.view.aggregates.waitFor(ctx.streamSeq);
    const id = event.aggregate.id;
    const alert = this.view.get(id)?.state as AlertState | undefined;
    const profile = this.view.profile((event.data as { exporterId: string }).exporterId);
    const url = profile?.delivery.webhookUrl;
    if (!alert || !url || alert.delivery?.outcome === 'delivered') return;
    const earlier = this.view
      .alertsOf(alert.exporterId)
      .filter(
        (a) =>
          a.id !== id &&
          !a.delivery &&
          a.raisedAt < alert.raisedAt &&
          Date.now() - Date.parse(a.raisedAt) < 25 * HOUR,
      );
    if (earlier.length)
      return this.fail(
        event,
        ctx,
        `waiting for ${earlier.length} earlier alert(s) of ${alert.exporterId} (in-order delivery)`,
      );

    const secret = await this.secrets.get(alert.exporterId);
    const body = JSON.stringify({
      type: 'tbt.alert',
      alertId: id,
      eventId: event.id,
      ...(event.data as object),
    });
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'Highland-Event-Id': event.id,
      'Highland-Alert-Id': id,
      ...(secret ? { [SIGNATURE_HEADER]: signWebhook(secret, body) } : {}),
    };
    const started = Date.now();
    let status: number | undefined;
    let error: string | undefined;
    // Refused targets (SSRF), timeouts and oversized answers all come back as an error here.
    const answer = await this.client.post(url, body, headers);
    if ('error' in answer) error = answer.error;
    else {
      status = answer.status;
      if (!answer.ok) error = `answered HTTP ${answer.status}`;
    }
    await this.log.insertOne({
      alertId: id,
      exporterId: alert.exporterId,
      attempt: ctx.deliveryCount,
      url,
      status,
      error,
      ms: Date.now() - started,
      at: new Date(),
    });
    // The URL's query may carry the receiver's own token: neither events nor logs repeat it.
    if (error) return this.fail(event, ctx, `webhook ${withoutQuery(url)} ${error}`, status);
    await this.commands.run(
      recordDelivery(id, {
        channel: 'webhook',
        outcome: 'delivered',
        attempts: ctx.deliveryCount,
        ...(status ? { status } : {}),
      }),
      { actor: SYSTEM_ACTOR, correlationId: event.correlationId, causationId: event.id },
    );
  }
}
