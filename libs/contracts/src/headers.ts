/**
 * The header contract of every event message (documented in docs/events.md):
 * - Nats-Msg-Id: the event id (UUIDv7) — JetStream drops a re-sent id within the duplicate window;
 * - Hl-Event-Type / Hl-Event-Version: the contract, so a consumer can route without parsing;
 * - Hl-Aggregate-Id / Hl-Aggregate-Seq: the aggregate and its event count;
 * - Hl-Correlation-Id / Hl-Causation-Id: the request that started the chain, and the direct cause;
 * - traceparent / tracestate: W3C trace context, so one trace follows HTTP → NATS → other services;
 * Dead letters add Hl-Dlq-Reason, Hl-Dlq-Consumer, Hl-Dlq-Stream, Hl-Dlq-Stream-Seq, Hl-Dlq-Subject, Hl-Dlq-Deliveries.
 */
export const H = {
  msgId: 'Nats-Msg-Id',
  eventType: 'Hl-Event-Type',
  eventVersion: 'Hl-Event-Version',
  aggregateId: 'Hl-Aggregate-Id',
  aggregateSeq: 'Hl-Aggregate-Seq',
  correlationId: 'Hl-Correlation-Id',
  causationId: 'Hl-Causation-Id',
  traceparent: 'traceparent',
  tracestate: 'tracestate',
  dlqReason: 'Hl-Dlq-Reason',
  dlqConsumer: 'Hl-Dlq-Consumer',
  dlqStream: 'Hl-Dlq-Stream',
  dlqStreamSeq: 'Hl-Dlq-Stream-Seq',
  dlqSubject: 'Hl-Dlq-Subject',
  dlqDeliveries: 'Hl-Dlq-Deliveries',
} as const;
