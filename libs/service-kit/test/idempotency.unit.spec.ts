// The Idempotency-Key bucket while NATS does not answer: the request fails at once (a 503 at the
// edge) instead of reading the key it could not create, each read waiting out its own timeout —
// the chaos tier (test/chaos) saw that add up to more than 15 s.
import { createHash } from 'node:crypto';
import { TimeoutError } from '@nats-io/transport-node';
import type { CallHandler, ExecutionContext } from '@nestjs/common';
import { lastValueFrom, of } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { IdempotencyInterceptor, type IdempotencyStore } from '../src/idempotency.js';
import { ProblemFilter } from '../src/problem.filter.js';

function run(kv: Record<string, (...args: unknown[]) => Promise<unknown>>) {
  const calls: string[] = [];
  const traced = Object.fromEntries(
    Object.entries(kv).map(([name, fn]) => [name, (...args: unknown[]) => (calls.push(name), fn(...args))]),
  );
  const interceptor = new IdempotencyInterceptor({ kv: traced } as unknown as IdempotencyStore, 'registry');
  const headers = new Map<string, string>();
  const req = {
    method: 'POST',
    originalUrl: '/standards',
    body: { code: 'GB/T 1-2014' },
    headers: { 'idempotency-key': 'k-1' },
  };
  const res = { statusCode: 201, setHeader: (k: string, v: string) => headers.set(k, v), status: () => res };
  const context = {
    getType: () => 'http',
    switchToHttp: () => ({ getRequest: () => req, getResponse: () => res }),
  } as unknown as ExecutionContext;
  let handled = 0;
  const next: CallHandler = { handle: () => (handled++, of({ id: 'std-1' })) };
  return {
    result: lastValueFrom(interceptor.intercept(context, next)),
    calls,
    handled: () => handled,
    headers,
  };
}

describe('IdempotencyInterceptor', () => {
  it('fails at once, as unavailable, when NATS does not answer the create', async () => {
    const { result, calls, handled } = run({
      create: () => Promise.reject(new TimeoutError()),
      get: () => Promise.reject(new TimeoutError()),
    });
    const err: unknown = await result.catch((e: unknown) => e);
    expect(calls).toEqual(['create']);
    expect(handled()).toBe(0);
    expect(new ProblemFilter().toProblem(err).status).toBe(503);
  });

  it('replays the stored answer when the key exists', async () => {
    const { result, calls, handled, headers } = run({
      create: () => Promise.reject(new Error('wrong last sequence: 7')),
      get: () =>
        Promise.resolve({
          revision: 7,
          json: () => ({
            state: 'done',
            requestHash: createHash('sha256')
              .update(`POST /standards\n${JSON.stringify({ code: 'GB/T 1-2014' })}`)
              .digest('hex'),
            eventId: 'e',
            startedAt: 0,
            status: 201,
            body: { id: 'std-1', replayed: true },
          }),
        }),
    });
    await expect(result).resolves.toEqual({ id: 'std-1', replayed: true });
    expect(calls).toEqual(['create', 'get']);
    expect(handled()).toBe(0);
    expect(headers.get('Idempotent-Replayed')).toBe('true');
  });
});
