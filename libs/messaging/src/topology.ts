import {
  aggregateFilter,
  DLQ_STREAM,
  dlqSubject,
  eventFilter,
  eventStream,
  type EventContract,
  parseEventSubject,
  type ParsedSubject,
  type RequestContract,
  serviceEventsFilter,
  type StreamDefinition,
} from '@highland/contracts';

/**
 * Names of streams and subjects, optionally under a namespace: tests give each file its own
 * (`t1a2b.registry.evt…`, stream `T1A2B_REGISTRY_EVENTS`) so files can share one server.
 */
export class Topology {
  readonly namespace: string;

  constructor(namespace = '') {
    if (namespace && !/^[a-z0-9][a-z0-9-]*$/.test(namespace)) {
      throw new Error(`namespace "${namespace}" must be lower-case letters, digits and dashes`);
    }
    this.namespace = namespace;
  }

  private sub(subject: string): string {
    return this.namespace ? `${this.namespace}.${subject}` : subject;
  }

  /**
   * A core-NATS subject of a service's own (live alerts, progress), under the namespace:
   * `<service>.<kind>.<tokens…>`. The one way to name a subject that is not an event's.
   */
  serviceSubject(service: string, kind: string, ...tokens: string[]): string {
    return this.sub([service, kind, ...tokens].join('.'));
  }

  /** A JetStream KV bucket, under the namespace (bucket names take no dots or dashes). */
  bucket(name: string): string {
    return `${this.namespace ? `${this.namespace}_` : ''}${name}`.replace(/-/g, '_');
  }

  /** The subject a request contract is served on. */
  requestSubject(contract: RequestContract): string {
    return this.sub(contract.subject);
  }

  private stream(def: StreamDefinition): StreamDefinition {
    if (!this.namespace) return def;
    return {
      ...def,
      name: `${this.namespace.toUpperCase().replace(/-/g, '_')}_${def.name}`,
      subjects: def.subjects.map((s) => this.sub(s)),
    };
  }

  eventStream(service: string): StreamDefinition {
    return this.stream(eventStream(service));
  }

  dlqStream(): StreamDefinition {
    return this.stream(DLQ_STREAM);
  }

  subject(contract: EventContract, aggregateId: string): string {
    return this.sub(contract.subject(aggregateId));
  }

  eventFilter(contract: EventContract): string {
    return this.sub(eventFilter(contract.service, contract.name, contract.version));
  }

  aggregateFilter(service: string, aggregateId: string): string {
    return this.sub(aggregateFilter(service, aggregateId));
  }

  serviceEvents(service: string): string {
    return this.sub(serviceEventsFilter(service));
  }

  dlqSubject(service: string, consumer: string): string {
    return this.sub(dlqSubject(service, consumer));
  }

  /** Request/reply subjects of a service's admin operations (DLQ re-drive, replay). */
  adminSubject(service: string, operation: string): string {
    return this.sub(`highland.admin.${service}.${operation}`);
  }

  /** Durable names are per namespace too: consumers are stream-scoped, but names show up in tooling. */
  durable(name: string): string {
    return name;
  }

  parse(subject: string): ParsedSubject | undefined {
    const prefix = this.namespace ? `${this.namespace}.` : '';
    if (!subject.startsWith(prefix)) return undefined;
    return parseEventSubject(subject.slice(prefix.length));
  }
}
