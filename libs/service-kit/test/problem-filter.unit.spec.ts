// The one mapping from a domain refusal to its HTTP answer: every kind has its status, and the
// problem names the field and carries the decision's extra members.
import { Rejection, type RejectionKind } from '@highland/contracts';
import { RequestFailed, ViewBehind } from '@highland/messaging';
import { CommandUnconfirmed } from '@highland/persistence';
import { NoRespondersError, RequestError } from '@nats-io/transport-node';
import type { ArgumentsHost } from '@nestjs/common';
import mongoose from 'mongoose';
import { describe, expect, it } from 'vitest';
import { REJECTION_STATUS } from '../src/errors.js';
import { ProblemFilter } from '../src/problem.filter.js';

const filter = new ProblemFilter();

describe('ProblemFilter', () => {
  it('maps every rejection kind to its status, with the fields and extra members', () => {
    const expected: Record<RejectionKind, number> = {
      invalid: 400,
      forbidden: 403,
      'not-found': 404,
      conflict: 409,
      unprocessable: 422,
    };
    for (const [kind, status] of Object.entries(expected)) {
      const problem = filter.toProblem(
        new Rejection(kind as RejectionKind, `refused: ${kind}`, [{ field: 'body.to', reason: 'why' }], {
          currentStage: 'draft',
        }),
      );
      expect(problem).toMatchObject({
        status,
        title: REJECTION_STATUS[kind as RejectionKind].title,
        type: expect.stringContaining(kind) as string,
        detail: `refused: ${kind}`,
        errors: [{ field: 'body.to', reason: 'why' }],
        currentStage: 'draft',
      });
    }
  });

  it('answers 503 when another service did not answer, and 500 for anything unexpected', () => {
    expect(filter.toProblem(new RequestFailed('registry.rpc.x.v1', 'internal', 'down')).status).toBe(503);
    expect(filter.toProblem(new Error('boom'))).toMatchObject({
      status: 500,
      detail: 'an unexpected error occurred',
    });
  });

  // Found by the chaos tier (test/chaos): these were 500s while NATS or the store restarted.
  it('answers 503 while NATS or the store is unreachable, or a command is not confirmed in time', () => {
    const unavailable = [
      // JetStream not back yet after a NATS restart: nats.js v3 wraps NoResponders in a RequestError
      new RequestError('no responders', { cause: new NoRespondersError('$JS.API.DIRECT.GET.KV_x') }),
      new mongoose.mongo.MongoNetworkError('connect ECONNREFUSED 127.0.0.1:17017'),
      new mongoose.mongo.MongoServerSelectionError('Server selection timed out after 10000 ms', {
        type: 'Unknown',
        servers: new Map(),
        stale: false,
        compatible: true,
        heartbeatFrequencyMS: 10_000,
        localThresholdMS: 15,
        setName: null,
        maxElectionId: null,
        maxSetVersion: null,
        commonWireVersion: 0,
        logicalSessionTimeoutMinutes: null,
      } as never),
      new mongoose.Error('Operation `webhook_secrets.findOne()` buffering timed out after 10000ms'),
      new CommandUnconfirmed('std-1', 8_000),
      new ViewBehind(336, 10_000),
    ];
    for (const err of unavailable) {
      expect(filter.toProblem(err), `${err.name}: ${err.message}`).toMatchObject({
        status: 503,
        type: 'https://highland.invalid/problems/unavailable',
      });
    }
    expect(filter.toProblem(new CommandUnconfirmed('std-1', 8_000)).detail).toMatch(/Idempotency-Key/);
  });

  it('sends a 503 as problem+json with Retry-After', () => {
    const headers = new Map<string, string>();
    let status = 0;
    let type = '';
    let body = '';
    const res = {
      headersSent: false,
      setHeader: (k: string, v: string) => headers.set(k, v),
      getHeader: (k: string) => headers.get(k),
      status(s: number) {
        status = s;
        return this;
      },
      type(t: string) {
        type = t;
        return this;
      },
      send(b: string) {
        body = b;
        return this;
      },
    };
    const host = {
      getType: () => 'http',
      switchToHttp: () => ({ getRequest: () => ({ originalUrl: '/standards' }), getResponse: () => res }),
    } as unknown as ArgumentsHost;
    // the filter logs 5xx answers; this one is expected
    const log = (filter as unknown as { log: { error: (m: string) => void } }).log;
    const error = log.error;
    log.error = () => {};
    try {
      filter.catch(new mongoose.mongo.MongoNetworkError('connect ECONNREFUSED'), host);
    } finally {
      log.error = error;
    }
    expect(status).toBe(503);
    expect(type).toBe('application/problem+json');
    expect(Number(headers.get('Retry-After'))).toBeGreaterThan(0);
    expect(JSON.parse(body)).toMatchObject({ status: 503, instance: '/standards' });
  });
});
