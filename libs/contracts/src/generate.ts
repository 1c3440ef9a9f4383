import { catalog, requestCatalog } from './catalog.js';
import type { EventContract } from './envelope.js';
import type { RequestContract } from './requests.js';
import { H } from './headers.js';
import { DLQ_STREAM, eventStreams } from './streams.js';
import { inputJsonSchema } from './validation.js';

/** File name (relative to libs/contracts/generated) → content, for non-TypeScript consumers. */
export function generateContractFiles(): Map<string, string> {
  const files = new Map<string, string>();
  for (const c of catalog) {
    files.set(`json-schema/${c.type}.v${c.version}.json`, json(jsonSchemaOf(c)));
  }
  for (const r of requestCatalog) {
    for (const part of ['request', 'reply'] as const)
      files.set(`json-schema/${requestFile(r, part)}`, json(requestJsonSchemaOf(r, part)));
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

function requestFile(r: RequestContract, part: 'request' | 'reply'): string {
  return `${r.service}.rpc.${r.name}.v${r.version}.${part}.json`;
}

function requestJsonSchemaOf(r: RequestContract, part: 'request' | 'reply'): Record<string, unknown> {
  return {
    $id: `urn:highland:request:${r.service}.${r.name}:v${r.version}:${part}`,
    title: `${r.service}.${r.name} v${r.version} ${part}`,
    ...inputJsonSchema(r[part]),
  };
}

/** A request contract as a channel the answering service receives on, and its reply. */
function addRequest(
  r: RequestContract,
  channels: Record<string, unknown>,
  operations: Record<string, unknown>,
  messages: Record<string, unknown>,
): void {
  const name = `${r.service}_rpc_${r.name}_v${r.version}`.replace(/-/g, '_');
  for (const part of ['request', 'reply'] as const) {
    messages[`${name}_${part}`] = {
      name: `${r.service}.${r.name}.${part}`,
      title: `${r.service}.${r.name} v${r.version} ${part}`,
      summary: part === 'request' ? r.description : `The answer to ${r.service}.${r.name} v${r.version}.`,
      contentType: 'application/json',
      payload: { $ref: `./json-schema/${requestFile(r, part)}` },
    };
  }
  channels[name] = {
    address: r.subject,
    description: `${r.description} Answered by one ${r.service} replica (queue group ${r.service}-rpc); a refusal is {"error": {"kind", "message"}}.`,
    messages: {
      [`${name}_request`]: { $ref: `#/components/messages/${name}_request` },
    },
  };
  channels[`${name}_reply`] = {
    description: `The asker's inbox: the reply to ${r.subject}.`,
    messages: { [`${name}_reply`]: { $ref: `#/components/messages/${name}_reply` } },
  };
  operations[`answer_${name}`] = {
    action: 'receive',
    channel: { $ref: `#/channels/${name}` },
    summary: `${r.service} answers ${r.service}.${r.name} v${r.version}`,
    reply: { channel: { $ref: `#/channels/${name}_reply` } },
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
  for (const r of requestCatalog) addRequest(r, channels, operations, messages);
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Highland events',
      version: '1.0.0',
      description:
        'Every event of the Highland platform on NATS JetStream. Subjects: <service>.evt.<event>.v<version>.<aggregateId>. ' +
        `Each producing service has a stream (${eventStreams.map((s) => s.name).join(', ')}); dead letters go to ${DLQ_STREAM.name}. ` +
        "Requests between services: <service>.rpc.<name>.v<version>, answered on the asker's inbox.",
    },
    defaultContentType: 'application/json',
    servers: { local: { host: '127.0.0.1:14222', protocol: 'nats', description: './highland up' } },
    channels,
    operations,
    components: { messages },
  };
}
