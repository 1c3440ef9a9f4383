// `keys`, `dlq` and `replay` against a real NATS, in this file's own namespace: the commands run
// in-process (NATS_URL and HIGHLAND_NAMESPACE set for the file) and are read by what they print.
// Services are stood in for by subscribers on their admin subjects.
import { H } from '@highland/contracts';
import { sendToDeadLetter } from '@highland/messaging';
import { ApiKeyStore } from '@highland/service-kit';
import { messagingFixture, type MessagingFixture, testNames } from '@highland/testing';
import { headers as natsHeaders, type Subscription } from '@nats-io/nats-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { dlqCommand } from '../src/commands/dlq.js';
import { keysCommand } from '../src/commands/keys.js';
import { replayCommand } from '../src/commands/replay.js';
import { runCommand } from './run-command.js';

const names = testNames(import.meta.url);
let fx: MessagingFixture;
const saved = {
  NATS_URL: process.env.NATS_URL,
  HIGHLAND_NAMESPACE: process.env.HIGHLAND_NAMESPACE,
  NATS_CREDENTIALS_FILE: process.env.NATS_CREDENTIALS_FILE,
};
let fakes: Subscription[] = [];

beforeAll(async () => {
  fx = await messagingFixture(names);
  process.env.NATS_URL = inject('natsUrl');
  process.env.NATS_CREDENTIALS_FILE = inject('natsCredentialsFile');
  process.env.HIGHLAND_NAMESPACE = fx.topology.namespace;
});
afterEach(() => {
  for (const s of fakes) s.unsubscribe();
  fakes = [];
});
afterAll(async () => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  await fx.nats.jsm.streams.delete(`KV_${ApiKeyStore.bucketName(fx.topology)}`).catch(() => false);
  await fx.dispose();
});

/** A stand-in service answering one admin operation; remembers the requests. */
function fakeService(service: string, operation: string, answer: (body: Record<string, unknown>) => unknown) {
  const requests: Array<Record<string, unknown>> = [];
  const sub = fx.nats.nc.subscribe(fx.topology.adminSubject(service, operation), {
    callback: (err, msg) => {
      if (err) return;
      const body = msg.json<Record<string, unknown>>();
      requests.push(body);
      msg.respond(JSON.stringify(answer(body)));
    },
  });
  fakes.push(sub);
  return requests;
}

const keyStore = async () => {
  const store = await ApiKeyStore.open(fx.nats, fx.topology);
  try {
    return store.list();
  } finally {
    store.close();
  }
};

describe('keys', () => {
  let agriKey = '';
  let agriHash = '';

  it('creates a key, prints it once with its hash, and stores only the hash', async () => {
    const res = await runCommand(keysCommand, [
      'create',
      '--department',
      'agriculture',
      '--scopes',
      'registry:standards, registry:filings',
      '--label',
      'Li Wei',
    ]);
    expect(res.exitCode).toBe(0);
    agriKey = /key\s+(hl_[A-Za-z0-9_-]+)/.exec(res.stdout)?.[1] ?? '';
    agriHash = /hash\s+([0-9a-f]{64})/.exec(res.stdout)?.[1] ?? '';
    expect(agriKey).not.toBe('');
    expect(res.stdout).toContain('only time the key is shown');
    const stored = await keyStore();
    expect(stored).toEqual([
      expect.objectContaining({
        hash: agriHash,
        department: 'agriculture',
        scopes: ['registry:standards', 'registry:filings'],
        label: 'Li Wei',
      }),
    ]);
    expect(JSON.stringify(stored)).not.toContain(agriKey);
    const store = await ApiKeyStore.open(fx.nats, fx.topology);
    expect(store.lookup(agriKey)?.department).toBe('agriculture');
    store.close();
  });

  it('lists keys by hash prefix, department, scopes, label and date, never the keys', async () => {
    await runCommand(keysCommand, ['create', '--department', 'trade', '--scopes', 'registry:*']);
    const res = await runCommand(keysCommand, ['list']);
    expect(res.exitCode).toBe(0);
    const lines = res.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^HASH\s+DEPARTMENT\s+SCOPES\s+LABEL\s+CREATED$/);
    expect(lines[1]).toMatch(
      new RegExp(
        `^${agriHash.slice(0, 12)}\\s+agriculture\\s+registry:standards,registry:filings\\s+Li Wei\\s+\\d{4}-`,
      ),
    );
    expect(lines[2]).toMatch(/^[0-9a-f]{12}\s+trade\s+registry:\*\s+trade\s+/);
    expect(lines.at(-1)).toBe('2 key(s)');
    expect(res.stdout).not.toContain(agriKey);
  });

  it('revokes a key by a prefix of its hash; it is gone for the services too', async () => {
    // A running service that has just verified the key (and keeps it verified in memory).
    const running = await ApiKeyStore.open(fx.nats, fx.topology);
    expect(running.lookup(agriKey)?.department).toBe('agriculture');
    const res = await runCommand(keysCommand, ['revoke', agriHash.slice(0, 8)]);
    expect(res.exitCode).toBe(0);
    expect(res.stdout).toContain(`revoked key ${agriHash.slice(0, 12)} of department "agriculture" (Li Wei)`);
    expect((await keyStore()).map((k) => k.department)).toEqual(['trade']);
    const store = await ApiKeyStore.open(fx.nats, fx.topology);
    expect(store.lookup(agriKey)).toBeUndefined();
    store.close();
    for (let i = 0; i < 100 && running.lookup(agriKey); i++) await new Promise((r) => setTimeout(r, 50));
    expect(running.lookup(agriKey)).toBeUndefined();
    running.close();
    const again = await runCommand(keysCommand, ['revoke', agriHash.slice(0, 8)]);
    expect(again.exitCode).toBe(1);
    expect(again.stderr).toContain('no key has a hash starting with');
  });
});

describe('dlq', () => {
  let firstSeq = 0;

  beforeAll(async () => {
    const dead = async (service: string, consumer: string, seq: number, reason: string, payload: string) => {
      const h = natsHeaders();
      h.set(H.eventType, 'registry.standard-registered');
      h.set(H.eventVersion, '1');
      h.set(H.correlationId, `corr-${seq}`);
      await sendToDeadLetter(fx.nats.js, fx.topology, {
        service,
        consumer,
        stream: fx.topology.eventStream('registry').name,
        reason,
        deliveries: 5,
        msg: {
          subject: `${fx.topology.namespace}.registry.evt.standard-registered.v1.std-${seq}`,
          data: new TextEncoder().encode(payload),
          headers: h,
          streamSeq: seq,
        },
      });
    };
    await dead(
      'reporting',
      'reporting-standards',
      41,
      'violates registry.standard-registered v1: data.code: Required',
      '{"id":"e41","data":{"title":{"zh":"水泥"}}}',
    );
    await dead('reporting', 'reporting-standards', 42, 'handler failed: store unavailable', '{"id":"e42"}');
    await dead('registry', 'registry-snapshots', 43, 'boom', 'not json');
    const info = await fx.nats.jsm.streams.info(fx.topology.dlqStream().name);
    firstSeq = info.state.first_seq;
  });

  it('lists every dead letter with its service when none is chosen', async () => {
    const res = await runCommand(dlqCommand, ['list']);
    expect(res.exitCode).toBe(0);
    const lines = res.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^SEQ\s+SERVICE\s+CONSUMER\s+EVENT TYPE\s+DELIVERIES\s+TIME\s+REASON$/);
    expect(lines[1]).toMatch(
      new RegExp(
        `^${firstSeq}\\s+reporting\\s+reporting-standards\\s+registry\\.standard-registered v1\\s+5\\s+\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\dZ\\s+violates`,
      ),
    );
    expect(lines[3]).toMatch(/registry\s+registry-snapshots/);
    expect(lines.at(-1)).toMatch(/^3 dead letter\(s\)/);
  });

  it('filters by service and by consumer', async () => {
    const byService = await runCommand(dlqCommand, ['list', '--service', 'reporting']);
    expect(byService.stdout).not.toContain('SERVICE');
    expect(byService.stdout).toContain('2 dead letter(s) for service reporting');
    const byConsumer = await runCommand(dlqCommand, ['list', '--consumer', 'registry-snapshots']);
    expect(byConsumer.stdout).toContain('1 dead letter(s) for consumer registry-snapshots');
    const none = await runCommand(dlqCommand, ['list', '--service', 'tbt']);
    expect(none.exitCode).toBe(0);
    expect(none.stdout).toMatch(/^no dead letters for service tbt/);
  });

  it('shows one: origin, reason, every header and the payload as pretty JSON', async () => {
    const res = await runCommand(dlqCommand, ['show', String(firstSeq)]);
    expect(res.exitCode).toBe(0);
    const registryStream = fx.topology.eventStream('registry').name;
    expect(res.stdout).toContain(`dead letter #${firstSeq} in ${fx.topology.dlqStream().name}`);
    expect(res.stdout).toContain(
      `original     stream ${registryStream}, seq 41, subject ${fx.topology.namespace}.registry.evt.standard-registered.v1.std-41`,
    );
    expect(res.stdout).toContain('reason\n  violates registry.standard-registered v1: data.code: Required');
    expect(res.stdout).toMatch(/Hl-Correlation-Id\s+corr-41/);
    expect(res.stdout).toMatch(/Hl-Dlq-Stream-Seq\s+41/);
    expect(res.stdout).toContain('payload\n  {\n    "id": "e41",');
    const missing = await runCommand(dlqCommand, ['show', String(firstSeq + 100)]);
    expect(missing.exitCode).toBe(1);
    expect(missing.stderr).toContain(`no dead letter #${firstSeq + 100}`);
  });

  it('redrive: says so when no such service is running', async () => {
    const res = await runCommand(dlqCommand, ['redrive', 'reporting', 'reporting-standards']);
    expect(res.exitCode).toBe(1);
    expect(res.stderr).toContain('no reporting service is running');
  });

  it('redrive: asks the service and prints what was redriven and what failed', async () => {
    const requests = fakeService('reporting', 'dlq.redrive', () => ({
      ok: true,
      redriven: [firstSeq],
      failed: [{ seq: firstSeq + 1, reason: 'store unavailable' }],
    }));
    const res = await runCommand(dlqCommand, ['redrive', 'reporting', 'reporting-standards']);
    expect(requests).toEqual([{ consumer: 'reporting-standards' }]);
    expect(res.stdout).toContain(`reporting/reporting-standards: redriven 1: #${firstSeq}`);
    expect(res.stdout).toContain(`  #${firstSeq + 1}: store unavailable`);
    expect(res.exitCode).toBe(1);
  });

  it('redrive --seq: sends the sequence; an error answer is printed', async () => {
    const requests = fakeService('reporting', 'dlq.redrive', (body) =>
      body.seq === 7 ? { ok: true, redriven: [7], failed: [] } : { ok: false, error: 'no consumer "x" here' },
    );
    const one = await runCommand(dlqCommand, ['redrive', 'reporting', 'reporting-standards', '--seq', '7']);
    expect(one.exitCode).toBe(0);
    expect(one.stdout).toContain('redriven 1: #7');
    const refused = await runCommand(dlqCommand, ['redrive', 'reporting', 'x']);
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr).toContain('the reporting service refused "dlq.redrive": no consumer "x" here');
    expect(requests).toEqual([{ consumer: 'reporting-standards', seq: 7 }, { consumer: 'x' }]);
  });
});

describe('replay', () => {
  it('finds the service that runs the consumer and asks it to replay', async () => {
    fakeService('registry', 'consumers', () => ({ ok: true, consumers: ['registry-snapshots'] }));
    fakeService('reporting', 'consumers', () => ({ ok: true, consumers: ['reporting-standards'] }));
    const replays = fakeService('reporting', 'replay', (body) => ({
      ok: true,
      consumer: body.consumer,
      replaying: true,
    }));
    const res = await runCommand(replayCommand, ['reporting-standards']);
    expect(res.exitCode).toBe(0);
    expect(replays).toEqual([{ consumer: 'reporting-standards' }]);
    expect(res.stderr).toContain('consumer "reporting-standards" runs on the reporting service');
    expect(res.stdout).toContain('reporting/reporting-standards: replay started');
  });

  it('explains when no running service has the consumer', async () => {
    fakeService('registry', 'consumers', () => ({ ok: true, consumers: ['registry-snapshots'] }));
    const res = await runCommand(replayCommand, ['nobody-has-me']);
    expect(res.exitCode).toBe(1);
    expect(res.stderr).toContain('no running service has a consumer "nobody-has-me"');
    expect(res.stderr).toContain('registry: registry-snapshots');
    expect(res.stderr).toContain('reporting: not running');
  });

  it('with --service, asks that service directly', async () => {
    const res = await runCommand(replayCommand, ['reporting-standards', '--service', 'zones']);
    expect(res.exitCode).toBe(1);
    expect(res.stderr).toContain('no zones service is running');
    const refusing = fakeService('zones', 'replay', () => ({
      ok: false,
      error: 'consumer "c" has no @OnReplay hook',
    }));
    const refused = await runCommand(replayCommand, ['c', '--service', 'zones']);
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr).toContain('has no @OnReplay hook');
    expect(refusing).toHaveLength(1);
  });
});
