/**
 * Subject naming — the one rule every producer and consumer follows:
 *
 *   <service>.evt.<event>.v<version>.<aggregateId>
 *
 * e.g. `registry.evt.standard-registered.v1.std-0b4f…`. Consumers filter by event and version
 * (`registry.evt.standard-registered.v1.>`); the aggregate id as the last token lets JetStream
 * check "no other event on this aggregate since the one I read" across all of the aggregate's event
 * types (`registry.evt.*.*.<aggregateId>`), which is how concurrent commands are settled.
 */
const TOKEN = /^[a-z][a-z0-9-]*$/;
const AGGREGATE_ID = /^[A-Za-z0-9_-]{1,200}$/;

export function assertToken(kind: string, value: string): void {
  if (!TOKEN.test(value)) throw new Error(`${kind} "${value}" must match ${TOKEN.source}`);
}

export function assertAggregateId(id: string): void {
  if (!AGGREGATE_ID.test(id)) {
    throw new Error(
      `aggregate id "${id}" must be 1-200 characters of [A-Za-z0-9_-] (it is a NATS subject token)`,
    );
  }
}

export function eventSubject(service: string, event: string, version: number, aggregateId: string): string {
  assertAggregateId(aggregateId);
  return `${service}.evt.${event}.v${version}.${aggregateId}`;
}

/** Every event of one type and version, whatever the aggregate. */
export function eventFilter(service: string, event: string, version: number): string {
  return `${service}.evt.${event}.v${version}.>`;
}

/** Every event of one aggregate, whatever its type: the scope of an optimistic-concurrency check. */
export function aggregateFilter(service: string, aggregateId: string): string {
  assertAggregateId(aggregateId);
  return `${service}.evt.*.*.${aggregateId}`;
}

export function serviceEventsFilter(service: string): string {
  return `${service}.evt.>`;
}

/** The stream a service publishes its events into. */
export function eventStreamName(service: string): string {
  return `${service.toUpperCase().replace(/-/g, '_')}_EVENTS`;
}

export interface ParsedSubject {
  service: string;
  event: string;
  version: number;
  aggregateId: string;
}

export function parseEventSubject(subject: string): ParsedSubject | undefined {
  const m = /^([a-z][a-z0-9-]*)\.evt\.([a-z][a-z0-9-]*)\.v(\d+)\.([A-Za-z0-9_-]+)$/.exec(subject);
  if (!m) return undefined;
  return { service: m[1]!, event: m[2]!, version: Number(m[3]), aggregateId: m[4]! };
}
