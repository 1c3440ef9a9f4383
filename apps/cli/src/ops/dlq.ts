import type { DeadLetter } from '@highland/messaging';
import { formatTable, shortTime, truncate } from './table.js';

/** H.eventVersion of @highland/contracts (not imported: the CLI loads contracts only when needed). */
export const EVENT_VERSION_HEADER = 'Hl-Event-Version';

/** "registry.standard-registered v1", or "-" when the message had no type. */
export function eventTypeOf(l: Pick<DeadLetter, 'eventType' | 'headers'>): string {
  if (!l.eventType) return '-';
  const version = l.headers[EVENT_VERSION_HEADER];
  return version ? `${l.eventType} v${version}` : l.eventType;
}

/** `dlq.<service>.<consumer>` (after the namespace, if any) → service. */
export function serviceOfDlqSubject(subject: string, namespace: string): string {
  const rest =
    namespace && subject.startsWith(`${namespace}.`) ? subject.slice(namespace.length + 1) : subject;
  const parts = rest.split('.');
  return parts[0] === 'dlq' && parts[1] ? parts[1] : '';
}

export function dlqTable(letters: readonly DeadLetter[], namespace: string, withService: boolean): string {
  const headers = [
    'SEQ',
    ...(withService ? ['SERVICE'] : []),
    'CONSUMER',
    'EVENT TYPE',
    'DELIVERIES',
    'TIME',
    'REASON',
  ];
  return formatTable(
    headers,
    letters.map((l) => [
      String(l.seq),
      ...(withService ? [serviceOfDlqSubject(l.subject, namespace)] : []),
      l.consumer,
      eventTypeOf(l),
      String(l.deliveries),
      shortTime(l.time),
      truncate(l.reason || '-', 60),
    ]),
  );
}

/** The payload for people: pretty JSON, else the text, else base64. */
export function formatPayload(data: Uint8Array): string {
  if (data.length === 0) return '(empty)';
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    return `(binary, ${data.length} bytes, base64)\n${Buffer.from(data).toString('base64')}`;
  }
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

const indent = (text: string, by = '  ') =>
  text
    .split('\n')
    .map((l) => (l ? by + l : l))
    .join('\n');

/** Everything `dlq show` prints about one dead letter. */
export function describeDeadLetter(l: DeadLetter, streamName: string, namespace: string): string {
  const headerNames = Object.keys(l.headers).sort();
  const width = Math.max(0, ...headerNames.map((h) => h.length));
  return [
    `dead letter #${l.seq} in ${streamName}`,
    `  service      ${serviceOfDlqSubject(l.subject, namespace) || '-'}`,
    `  consumer     ${l.consumer || '-'}`,
    `  event type   ${eventTypeOf(l)}`,
    `  deliveries   ${l.deliveries}`,
    `  dead since   ${l.time}`,
    `  original     stream ${l.originalStream || '-'}, seq ${l.originalSeq || '-'}, subject ${l.originalSubject || '-'}`,
    '',
    'reason',
    indent(l.reason || '(none given)'),
    '',
    'headers',
    headerNames.length
      ? headerNames.map((h) => `  ${h.padEnd(width)}  ${l.headers[h]}`).join('\n')
      : '  (none)',
    '',
    'payload',
    indent(formatPayload(l.data)),
    '',
  ].join('\n');
}
