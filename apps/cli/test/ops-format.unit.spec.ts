import { H } from '@highland/contracts';
import type { DeadLetter } from '@highland/messaging';
import { describe, expect, it } from 'vitest';
import { describeReplay } from '../src/commands/replay.js';
import { chooseOwner } from '../src/ops/replay.js';
import {
  describeDeadLetter,
  dlqTable,
  EVENT_VERSION_HEADER,
  formatPayload,
  serviceOfDlqSubject,
} from '../src/ops/dlq.js';
import { findByPrefix, keysTable, LABEL, parseScopes } from '../src/ops/keys.js';
import { displayWidth, formatTable, oneLine, shortTime, truncate } from '../src/ops/table.js';
import { CliError } from '../src/output.js';

const thrown = (fn: () => unknown): CliError => {
  try {
    fn();
  } catch (e) {
    if (e instanceof CliError) return e;
    throw e;
  }
  throw new Error('expected a CliError');
};

describe('tables', () => {
  it('aligns columns two spaces apart, with no trailing spaces', () => {
    expect(
      formatTable(
        ['A', 'LONG HEADER', 'C'],
        [
          ['xyz', '1', ''],
          ['k', '22', 'last'],
        ],
      ),
    ).toBe(['A    LONG HEADER  C', 'xyz  1', 'k    22           last', ''].join('\n'));
  });

  it('counts Chinese characters as two columns', () => {
    expect(displayWidth('水泥')).toBe(4);
    expect(displayWidth('GB/T 1')).toBe(6);
    const table = formatTable(
      ['T', 'N'],
      [
        ['水泥', '1'],
        ['ab', '2'],
      ],
    );
    expect(table.split('\n')[1]).toBe('水泥  1');
    expect(table.split('\n')[2]).toBe('ab    2');
  });

  it('truncates with an ellipsis and keeps rows on one line', () => {
    expect(truncate('short', 10)).toBe('short');
    expect(truncate('0123456789abc', 10)).toBe('012345678…');
    expect(displayWidth(truncate('枇杷栽培技术规程', 7))).toBeLessThanOrEqual(7);
    expect(oneLine('a\n  b\tc')).toBe('a b c');
  });

  it('shows times to the second, in UTC', () => {
    expect(shortTime('2026-03-04T05:06:07.123Z')).toBe('2026-03-04 05:06:07Z');
    expect(shortTime('not a time')).toBe('not a time');
  });
});

describe('keys', () => {
  const keys = [
    {
      hash: 'abcd1234ff',
      department: 'agriculture',
      scopes: ['registry:standards'],
      label: 'Li Wei',
      createdAt: '2026-01-02T00:00:00.000Z',
    },
    {
      hash: 'abcd9999ee',
      department: 'office',
      scopes: ['*'],
      label: 'standardization office',
      createdAt: '2026-01-01T00:00:00.000Z',
    },
    {
      hash: '0123456789',
      department: 'trade',
      scopes: ['registry:*', 'reporting:read'],
      label: 'trade',
      createdAt: '2026-01-03T00:00:00.000Z',
    },
  ];

  it('parses comma-separated scopes', () => {
    expect(parseScopes(' registry:standards, registry:filings,,registry:standards ')).toEqual([
      'registry:standards',
      'registry:filings',
    ]);
    expect(parseScopes(' , ')).toEqual([]);
  });

  it('accepts labels the services accept as a user name', () => {
    expect(LABEL.test('Li Wei')).toBe(true);
    expect(LABEL.test('李伟 li.wei@agri')).toBe(true);
    expect(LABEL.test('a(b)')).toBe(false);
  });

  it('finds a key by a prefix and refuses ambiguous, unknown or malformed ones', () => {
    expect(findByPrefix(keys, 'ABCD12').department).toBe('agriculture');
    expect(findByPrefix(keys, '0123456789').department).toBe('trade');
    const ambiguous = thrown(() => findByPrefix(keys, 'abcd'));
    expect(ambiguous.exitCode).toBe(2);
    expect(ambiguous.message).toMatch(/ambiguous.*abcd1234ff.*abcd9999ee/);
    expect(thrown(() => findByPrefix(keys, 'abc')).message).toMatch(/at least 4/);
    expect(thrown(() => findByPrefix(keys, 'zzzz')).exitCode).toBe(2);
    const none = thrown(() => findByPrefix(keys, 'ffff'));
    expect(none.exitCode).toBe(1);
    expect(none.message).toMatch(/no key/);
  });

  it('lists keys oldest first, with hash prefixes and never the keys', () => {
    const lines = keysTable(keys).trimEnd().split('\n');
    expect(lines[0]).toMatch(/^HASH\s+DEPARTMENT\s+SCOPES\s+LABEL\s+CREATED$/);
    expect(lines.slice(1).map((l) => l.split(/\s+/)[1])).toEqual(['office', 'agriculture', 'trade']);
    expect(lines[3]).toContain('registry:*,reporting:read');
    expect(lines[1]).toContain('2026-01-01 00:00:00Z');
  });
});

describe('dead letters', () => {
  const letter: DeadLetter = {
    seq: 7,
    subject: 'ns1.dlq.reporting.reporting-standards',
    consumer: 'reporting-standards',
    reason: `violates registry.standard-registered v1: ${'x'.repeat(100)}`,
    originalStream: 'NS1_REGISTRY_EVENTS',
    originalSeq: 42,
    originalSubject: 'ns1.registry.evt.standard-registered.v1.std-1',
    deliveries: 5,
    eventType: 'registry.standard-registered',
    time: '2026-03-04T05:06:07.000Z',
    headers: {
      [H.eventType]: 'registry.standard-registered',
      [H.eventVersion]: '1',
      [H.dlqConsumer]: 'reporting-standards',
    },
    data: new TextEncoder().encode('{"id":"e1","data":{"title":{"zh":"水泥"}}}'),
  };

  it('reads the service from the DLQ subject, under a namespace or not', () => {
    expect(serviceOfDlqSubject(letter.subject, 'ns1')).toBe('reporting');
    expect(serviceOfDlqSubject('dlq.registry.c', '')).toBe('registry');
    expect(serviceOfDlqSubject('other', '')).toBe('');
  });

  it('keeps its own copy of the event version header in step with the contracts', () => {
    expect(EVENT_VERSION_HEADER).toBe(H.eventVersion);
  });

  it('lists seq, consumer, event type with version, deliveries, time and a truncated reason', () => {
    const [header, row] = dlqTable([letter], 'ns1', true).trimEnd().split('\n');
    expect(header).toMatch(/^SEQ\s+SERVICE\s+CONSUMER\s+EVENT TYPE\s+DELIVERIES\s+TIME\s+REASON$/);
    expect(row).toMatch(
      /^7\s+reporting\s+reporting-standards\s+registry\.standard-registered v1\s+5\s+2026-03-04 05:06:07Z\s+violates/,
    );
    expect(row!.endsWith('…')).toBe(true);
    expect(dlqTable([letter], 'ns1', false)).not.toContain('SERVICE');
  });

  it('shows everything about one: origin, reason, every header, pretty payload', () => {
    const text = describeDeadLetter(letter, 'NS1_HIGHLAND_DLQ', 'ns1');
    expect(text).toContain('dead letter #7 in NS1_HIGHLAND_DLQ');
    expect(text).toContain(
      'original     stream NS1_REGISTRY_EVENTS, seq 42, subject ns1.registry.evt.standard-registered.v1.std-1',
    );
    expect(text).toContain(letter.reason);
    expect(text).toMatch(/Hl-Dlq-Consumer\s+reporting-standards/);
    expect(text).toContain('      "zh": "水泥"');
  });

  it('prints payloads that are not JSON as text, and binary as base64', () => {
    expect(formatPayload(new TextEncoder().encode('plain'))).toBe('plain');
    expect(formatPayload(new Uint8Array([0xff, 0xfe]))).toBe('(binary, 2 bytes, base64)\n//4=');
    expect(formatPayload(new Uint8Array())).toBe('(empty)');
  });
});

describe('finding the service that runs a consumer', () => {
  const ok = (consumers: string[]) => ({ kind: 'ok' as const, body: { ok: true, consumers } });

  it('picks the one service that lists it', () => {
    expect(
      chooseOwner('reporting-standards', [
        { service: 'registry', answer: ok(['registry-snapshots']) },
        { service: 'reporting', answer: ok(['reporting-standards']) },
        { service: 'tbt', answer: { kind: 'not-running' } },
      ]),
    ).toBe('reporting');
  });

  it('explains what it found when no running service has it', () => {
    const err = thrown(() =>
      chooseOwner('nope', [
        { service: 'registry', answer: ok(['registry-snapshots']) },
        { service: 'tbt', answer: { kind: 'not-running' } },
        { service: 'zones', answer: { kind: 'timeout' } },
      ]),
    );
    expect(err.exitCode).toBe(1);
    expect(err.message).toContain('no running service has a consumer "nope"');
    expect(err.message).toContain('registry: registry-snapshots');
    expect(err.message).toContain('tbt: not running');
    expect(err.message).toContain('zones: did not answer');
  });

  it('says so when no service runs at all, and asks for --service when two claim it', () => {
    expect(
      thrown(() => chooseOwner('c', [{ service: 'registry', answer: { kind: 'not-running' } }])).message,
    ).toMatch(/no service is running/);
    const two = thrown(() =>
      chooseOwner('c', [
        { service: 'registry', answer: ok(['c']) },
        { service: 'reporting', answer: ok(['c']) },
      ]),
    );
    expect(two.exitCode).toBe(2);
    expect(two.message).toMatch(/--service/);
  });
});

describe('what replay prints', () => {
  it('tells a restarted consumer from a view rebuilt in place', () => {
    expect(describeReplay('reporting', 'c', { ok: true, consumer: 'c', replaying: true })).toBe(
      'reporting/c: replay started: its effects were reset and it re-reads its stream from the first event',
    );
    expect(
      describeReplay('reporting', 'progress', {
        ok: true,
        consumer: 'progress',
        replaying: true,
        result: { events: 12 },
      }),
    ).toBe('reporting/progress: rebuilt from the start of its stream: {"events":12}');
    expect(describeReplay('x', 'c', { ok: true, other: 1 })).toBe('x/c: {"ok":true,"other":1}');
  });
});
