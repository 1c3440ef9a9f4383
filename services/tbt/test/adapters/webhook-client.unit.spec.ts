// The outbound webhook client against local listeners on 127.0.0.1 only: names resolve through a
// lookup of the test's own (never DNS), so no traffic leaves the machine.
import type { LookupAddress } from 'node:dns';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LookupFunction } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guardedLookup, WebhookClient } from '../../src/adapters/webhook-client.js';
import { parseAllowedHosts, WebhookTargetPolicy } from '../../src/adapters/webhook-target.js';

/** Names of the test's own: `rebound.test` resolves to loopback, like a rebinding attacker's name. */
const hosts: Record<string, LookupAddress[]> = {
  'rebound.test': [{ address: '127.0.0.1', family: 4 }],
  'mixed.test': [
    { address: '8.8.8.8', family: 4 },
    { address: '127.0.0.1', family: 4 },
  ],
  'public.test': [{ address: '8.8.8.8', family: 4 }],
  'receiver.test': [{ address: '127.0.0.1', family: 4 }],
};
const testLookup: LookupFunction = (hostname, options, callback) => {
  const found = hosts[hostname];
  if (!found) {
    const err = Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    return options.all ? callback(err, []) : callback(err, '', undefined);
  }
  if (options.all) callback(null, found);
  else callback(null, found[0]!.address, found[0]!.family);
};

let server: Server;
let port = 0;
let connections = 0;
const requests: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    req.resume();
    if (req.url === '/slow') return void setTimeout(() => res.writeHead(204).end(), 5_000);
    if (req.url === '/redirect')
      return void res.writeHead(302, { location: `http://127.0.0.1:${port}/elsewhere` }).end();
    if (req.url === '/endless') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      const chunk = Buffer.alloc(64 * 1024, 'x');
      const pump = () => {
        while (!res.destroyed && res.write(chunk));
      };
      res.on('drain', pump);
      return void pump();
    }
    res.writeHead(204).end();
  });
  server.on('connection', () => connections++);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

function client(
  allowed = '',
  overrides: { timeoutMs?: number; connectTimeoutMs?: number; lookup?: LookupFunction } = {},
) {
  return new WebhookClient({
    policy: new WebhookTargetPolicy(parseAllowedHosts(allowed)),
    connectTimeoutMs: overrides.connectTimeoutMs ?? 2_000,
    timeoutMs: overrides.timeoutMs ?? 3_000,
    maxResponseBytes: 65_536,
    lookup: overrides.lookup ?? testLookup,
  });
}

const post = (c: WebhookClient, url: string) =>
  c.post(url, '{"type":"tbt.alert"}', { 'content-type': 'application/json' });

describe('guardedLookup', () => {
  const resolve = (name: string) =>
    new Promise<{ err: Error | null; found: unknown }>((r) =>
      guardedLookup(testLookup)(name, { all: true }, (err, found) => r({ err, found })),
    );

  it('passes public addresses and refuses a name with any internal one', async () => {
    expect(await resolve('public.test')).toEqual({ err: null, found: [{ address: '8.8.8.8', family: 4 }] });
    expect((await resolve('rebound.test')).err?.message).toBe(
      'refused: rebound.test resolves to 127.0.0.1 is a loopback address',
    );
    expect((await resolve('mixed.test')).err?.message).toMatch(/127\.0\.0\.1 is a loopback address/);
    expect((await resolve('nowhere.test')).err?.message).toMatch(/ENOTFOUND/);
  });
});

describe('WebhookClient', () => {
  it('refuses a name that resolves to loopback when it connects: the listener sees nothing', async () => {
    const c = client();
    const before = { connections, requests: requests.length };
    const answer = await post(c, `http://rebound.test:${port}/hooks`);
    expect(answer).toEqual({ error: 'refused: rebound.test resolves to 127.0.0.1 is a loopback address' });
    expect({ connections, requests: requests.length }).toEqual(before);
    await c.close();
  });

  it('refuses a loopback literal before connecting, unless the office allows the host', async () => {
    const refused = client();
    const before = connections;
    expect(await post(refused, `http://127.0.0.1:${port}/hooks`)).toEqual({
      error:
        'refused: 127.0.0.1 is a loopback address, not allowed as a webhook target (TBT_WEBHOOK_ALLOWED_HOSTS)',
    });
    expect(connections).toBe(before);
    await refused.close();

    const allowed = client(`127.0.0.1:${port},receiver.test`);
    expect(await post(allowed, `http://127.0.0.1:${port}/hooks`)).toEqual({ status: 204, ok: true });
    expect(await post(allowed, `http://receiver.test:${port}/by-name`)).toEqual({ status: 204, ok: true });
    expect(requests).toContain('POST /by-name');
    await allowed.close();
  });

  it('does not follow a redirect', async () => {
    const c = client('127.0.0.1');
    expect(await post(c, `http://127.0.0.1:${port}/redirect`)).toEqual({ status: 302, ok: false });
    expect(requests).not.toContain('POST /elsewhere');
    expect(requests).not.toContain('GET /elsewhere');
    await c.close();
  });

  it('gives up on a receiver that does not answer in time', async () => {
    const c = client('127.0.0.1', { timeoutMs: 300 });
    const started = Date.now();
    expect(await post(c, `http://127.0.0.1:${port}/slow`)).toEqual({ error: expect.stringMatching(/time/i) });
    expect(Date.now() - started).toBeLessThan(3_000);
    await c.close();
  });

  it('gives up on a connection that is not made in time', async () => {
    const never: LookupFunction = () => undefined; // a name server that never answers
    const c = client('', { connectTimeoutMs: 200, lookup: never });
    const started = Date.now();
    expect(await post(c, `http://public.test:${port}/hooks`)).toEqual({
      error: expect.stringMatching(/timeout/i),
    });
    expect(Date.now() - started).toBeLessThan(2_500);
    await c.close();
  });

  it('reads at most 64 KiB of an answer: an endless one does not hold the delivery', async () => {
    const c = client('127.0.0.1', { timeoutMs: 10_000 });
    const started = Date.now();
    expect(await post(c, `http://127.0.0.1:${port}/endless`)).toEqual({ status: 200, ok: true });
    expect(Date.now() - started).toBeLessThan(5_000);
    await c.close();
  });
});
