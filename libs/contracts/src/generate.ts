import { catalog } from './catalog.js';
import type { EventContract } from './envelope.js';
import { H } from './headers.js';
import { DLQ_STREAM, eventStreams } from './streams.js';
import { inputJsonSchema } from './validation.js';

/** File name (relative to libs/contracts/generated) → content, for non-TypeScript consumers. */
export function generateContractFiles(): Map<string, string> {
  const files = new Map<string, string>();
  for (const c of catalog) {
    files.set(`json-schema/${c.type}.v${c.version}.json`, json(jsonSchemaOf(c)));
  }
  files.set('asyncapi.json', json(asyncApiDocument()));
  return files;
}

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

function jsonSchemaOf(c: EventContract): Record<string, unknown> {
  return {
    $id: `urn:highland:event:${c.type}:v${c.version}`,
    title: `${c.type} v${c.version}`,
    ...inputJsonSchema(c.envelope),
  };
}

function messageName(c: EventContract): string {
  return `${c.type.replace('.', '_')}_v${c.version}`.replace(/-/g, '_');
}

function asyncApiDocument(): Record<string, unknown> {
  const channels: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  const messages: Record<string, unknown> = {};
  for (const c of catalog) {
    const name = messageName(c);
    messages[name] = {
      name: c.type,
      title: `${c.type} v${c.version}`,
      summary: c.description,
      contentType: 'application/json',
      headers: {
        type: 'object',
        properties: {
          [H.msgId]: { type: 'string', description: 'event id (UUIDv7), JetStream de-duplication key' },
          [H.eventType]: { const: c.type },
          [H.eventVersion]: { const: String(c.version) },
          [H.aggregateId]: { type: 'string' },
          [H.aggregateSeq]: { type: 'string' },
          [H.correlationId]: { type: 'string' },
          [H.causationId]: { type: 'string' },
          [H.traceparent]: { type: 'string', description: 'W3C trace context' },
        },
        required: [H.msgId, H.eventType, H.eventVersion],
      },
      payload: { $ref: `./json-schema/${c.type}.v${c.version}.json` },
    };
    channels[name] = {
      address: `${c.service}.evt.${c.name}.v${c.version}.{aggregateId}`,
      description: `${c.description} Stream: ${eventStreams.find((s) => s.name.startsWith(c.service.toUpperCase()))?.name ?? '-'}.`,
      parameters: { aggregateId: { description: `id of the ${c.aggregateType} ([A-Za-z0-9_-]+)` } },
      messages: { [name]: { $ref: `#/components/messages/${name}` } },
    };
    operations[`publish_${name}`] = {
      action: 'send',
      channel: { $ref: `#/channels/${name}` },
      summary: `${c.service} publishes ${c.type} v${c.version}`,
    };
  }
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Highland events',
      version: '1.0.0',
      description:
        'Every event of the Highland platform on NATS JetStream. Subjects: <service>.evt.<event>.v<version>.<aggregateId>. ' +
        `Each producing service has a stream (${eventStreams.map((s) => s.name).join(', ')}); dead letters go to ${DLQ_STREAM.name}.`,
    },
    defaultContentType: 'application/json',
    servers: { local: { host: '127.0.0.1:14222', protocol: 'nats', description: './highland up' } },
    channels,
    operations,
    components: { messages },
  };
}
