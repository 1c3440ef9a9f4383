// Readiness of an in-memory view: it must fail while the view replays, after NATS is lost, and
// recover once NATS is back — a check that cannot fail would send traffic to a blind replica.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EnterpriseCertifiedV1 } from '@highland/contracts';
import { freePort, startEmbeddedNats } from '@highland/infra';
import { connectNats, ensureStream, EventPublisher, Topology } from '@highland/messaging';
import { describe, expect, it } from 'vitest';
import { AggregateView } from '../src/aggregate-view.js';

const actor = { department: 'office', user: 'test' };
const certified = (enterprise: string) => ({
  enterprise,
  level: 'AAA' as const,
  authorityLevel: 'municipal' as const,
  certifiedOn: '2014-05-01',
});

const eventually = async (check: () => void, ms = 10_000) => {
  const until = Date.now() + ms;
  for (;;) {
    try {
      return check();
    } catch (err) {
      if (Date.now() > until) throw err;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
};

describe('AggregateView.assertHealthy (readiness)', () => {
  it('fails before start, passes once caught up, fails while NATS is down and recovers after', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'highland-view-health-'));
    const port = await freePort();
    let server = await startEmbeddedNats({ port, dataDir: dir });
    const nats = await connectNats({ url: server.url, name: 'view-health' });
    try {
      const topology = new Topology('vh');
      await ensureStream(nats.jsm, topology.eventStream('registry'));
      const pub = new EventPublisher(nats.js, topology, 'registry');
      for (let i = 0; i < 50; i++) {
        await pub.publish(EnterpriseCertifiedV1, {
          aggregateId: `ent-${i}`,
          aggregateSeq: 1,
          data: certified(`Enterprise ${i}`),
          actor,
          reason: 'test',
          correlationId: 'vh',
        });
      }
      const view = new AggregateView<unknown>(nats, topology, {
        service: 'registry',
        reducer: (_s, e) => e.data,
      });
      expect(() => view.assertHealthy()).toThrow(/not started/);
      await view.start();
      expect(view.size).toBe(50);
      expect(() => view.assertHealthy()).not.toThrow();

      await server.stop();
      await eventually(() => expect(() => view.assertHealthy()).toThrow(/NATS connection lost/));
      server = await startEmbeddedNats({ port, dataDir: dir });
      await eventually(() => expect(() => view.assertHealthy()).not.toThrow(), 20_000);
      await view.stop();
    } finally {
      await nats.close();
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
