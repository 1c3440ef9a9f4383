import { Counter, Gauge, Histogram, type Registry, register as defaultRegistry } from 'prom-client';

/** Prometheus metrics of the messaging layer, on the registry the service's /metrics serves. */
export class MessagingMetrics {
  readonly published: Counter<'event_type'>;
  readonly publishFailed: Counter<'event_type' | 'reason'>;
  readonly consumed: Counter<'consumer' | 'event_type'>;
  readonly consumeFailed: Counter<'consumer' | 'event_type' | 'outcome'>;
  readonly handlerSeconds: Histogram<'consumer' | 'event_type'>;
  readonly consumerPending: Gauge<'consumer'>;
  readonly dlqDepth: Gauge<'consumer'>;

  constructor(registry: Registry = defaultRegistry) {
    const reuse = <T>(name: string, make: () => T): T =>
      (registry.getSingleMetric(name) as T | undefined) ?? make();
    this.published = reuse(
      'highland_events_published_total',
      () =>
        new Counter({
          name: 'highland_events_published_total',
          help: 'Events published, per event type',
          labelNames: ['event_type'],
          registers: [registry],
        }),
    );
    this.publishFailed = reuse(
      'highland_events_publish_failed_total',
      () =>
        new Counter({
          name: 'highland_events_publish_failed_total',
          help: 'Publishes refused (contract violation, concurrency conflict, server error)',
          labelNames: ['event_type', 'reason'],
          registers: [registry],
        }),
    );
    this.consumed = reuse(
      'highland_events_consumed_total',
      () =>
        new Counter({
          name: 'highland_events_consumed_total',
          help: 'Events handled and acknowledged, per consumer and event type',
          labelNames: ['consumer', 'event_type'],
          registers: [registry],
        }),
    );
    this.consumeFailed = reuse(
      'highland_events_consume_failed_total',
      () =>
        new Counter({
          name: 'highland_events_consume_failed_total',
          help: 'Handler failures: outcome "retry" (nak with backoff) or "dead-letter"',
          labelNames: ['consumer', 'event_type', 'outcome'],
          registers: [registry],
        }),
    );
    this.handlerSeconds = reuse(
      'highland_event_handler_seconds',
      () =>
        new Histogram({
          name: 'highland_event_handler_seconds',
          help: 'Handler latency',
          labelNames: ['consumer', 'event_type'],
          buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
          registers: [registry],
        }),
    );
    this.consumerPending = reuse(
      'highland_consumer_pending',
      () =>
        new Gauge({
          name: 'highland_consumer_pending',
          help: 'Messages not yet delivered to the consumer',
          labelNames: ['consumer'],
          registers: [registry],
        }),
    );
    this.dlqDepth = reuse(
      'highland_dlq_depth',
      () =>
        new Gauge({
          name: 'highland_dlq_depth',
          help: 'Dead letters waiting, per consumer',
          labelNames: ['consumer'],
          registers: [registry],
        }),
    );
  }
}
