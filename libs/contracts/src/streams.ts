import { producingServices } from './catalog.js';
import { eventStreamName, serviceEventsFilter } from './subjects.js';

/** A stream as code: provisioning applies this, and a change here is applied on the next start. */
export interface StreamDefinition {
  name: string;
  subjects: string[];
  description: string;
  /** Window in which a re-sent message id is dropped (ns in JetStream, ms here). */
  duplicateWindowMs: number;
}

export function eventStream(service: string): StreamDefinition {
  return {
    name: eventStreamName(service),
    subjects: [serviceEventsFilter(service)],
    description: `Events of the ${service} service: the log of record (retained, file storage)`,
    duplicateWindowMs: 10 * 60_000,
  };
}

export const eventStreams: StreamDefinition[] = producingServices.map(eventStream);

/** Poison or invalid messages, with the reason and the original headers: `dlq.<service>.<consumer>`. */
export const DLQ_STREAM: StreamDefinition = {
  name: 'HIGHLAND_DLQ',
  subjects: ['dlq.>'],
  description: 'Dead letters of every consumer, with reason and original headers',
  duplicateWindowMs: 2 * 60_000,
};

export function dlqSubject(service: string, consumer: string): string {
  return `dlq.${service}.${consumer}`;
}
