// The registry as its own process with no span destination (no OTLP endpoint, no trace file):
// no spans are built, yet each request still has trace context — in its log line and on the
// events it publishes — and the log line still says what was asked, by whom, and how it ended.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  apiClient,
  messagingFixture,
  type MessagingFixture,
  serviceEnv,
  startServiceProcess,
  type ServiceProcess,
  testNames,
} from '@highland/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loquat } from '../fixtures.js';

const names = testNames(import.meta.url);
const logDir = mkdtempSync(join(tmpdir(), 'highland-e2e-'));
let registry: ServiceProcess;
let fx: MessagingFixture;
let office: ReturnType<typeof apiClient>;
let officeKey: string;

beforeAll(async () => {
  const env = await serviceEnv(names, 'registry');
  registry = await startServiceProcess('registry', { ...env, LOG_LEVEL: 'info' }, logDir);
  officeKey = env.HIGHLAND_BOOTSTRAP_OFFICE_KEY;
  office = apiClient(registry.url, officeKey);
  fx = await messagingFixture(names);
});
afterAll(async () => {
  await registry?.stop();
  await fx?.dispose();
  rmSync(logDir, { recursive: true, force: true });
});

interface Line {
  msg?: string;
  trace_id?: string;
  span_id?: string;
  req?: { method?: string; url?: string; headers?: unknown };
  res?: { statusCode?: number };
  responseTime?: number;
  department?: string;
  user?: string;
}
const lines = (): Line[] =>
  readFileSync(registry.logFile, 'utf8')
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Line);

async function completionLine(url: string): Promise<Line> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const line = lines().find((l) => l.msg === 'request completed' && l.req?.url === url);
    if (line || Date.now() > deadline) return line!;
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('trace context without span export', () => {
  it('continues the caller’s trace in the log line and on the published event', async () => {
    // With a span destination in the environment the process records spans instead.
    if (process.env.OTEL_EXPORTER_OTLP_ENDPOINT || process.env.HIGHLAND_TRACE_FILE) return;
    const traceId = '0af7651916cd43dd8448eb211c80319c';
    const res = await office.post(
      '/standards',
      { ...loquat, code: 'DB50/T 4321-2019' },
      {
        traceparent: `00-${traceId}-b7ad6b7169203331-01`,
        'x-highland-user': 'Li Wei',
      },
    );
    expect(res.status).toBe(201);

    const line = await completionLine('/standards');
    expect(line).toMatchObject({
      trace_id: traceId,
      req: { method: 'POST', url: '/standards' },
      res: { statusCode: 201 },
      department: 'office',
      user: 'Li Wei',
    });
    expect(line.span_id).toMatch(/^[0-9a-f]{16}$/);
    expect(line.span_id).not.toBe('b7ad6b7169203331');
    expect(typeof line.responseTime).toBe('number');
    expect(readFileSync(registry.logFile, 'utf8')).not.toContain(officeKey);

    const event = await fx.nats.jsm.streams.getMessage(fx.topology.eventStream('registry').name, {
      seq: res.body.event.seq as number,
    });
    const traceparent = event?.header.get('traceparent');
    expect(traceparent).toBe(`00-${traceId}-${line.span_id}-01`);
  });

  it('starts a trace for a request that brings none', async () => {
    const res = await office.get('/standards?limit=1');
    expect(res.status).toBe(200);
    const line = await completionLine('/standards?limit=1');
    expect(line.trace_id).toMatch(/^[0-9a-f]{32}$/);
    expect(line.trace_id).not.toBe('00000000000000000000000000000000');
    expect(line.res?.statusCode).toBe(200);
  });
});
