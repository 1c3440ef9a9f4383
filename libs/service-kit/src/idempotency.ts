import { createHash } from 'node:crypto';
import {
  type CallHandler,
  type ExecutionContext,
  Inject,
  Injectable,
  type NestInterceptor,
} from '@nestjs/common';
import { jetstream } from '@nats-io/jetstream';
import { type KV, Kvm } from '@nats-io/kv';
import { newEventId } from '@highland/contracts';
import type { NatsHandle, Topology } from '@highland/messaging';
import type { Response as ExpressResponse } from 'express';
import { from, lastValueFrom, type Observable } from 'rxjs';
import type { AuthenticatedRequest } from './auth.js';
import { ConflictProblem, UnprocessableProblem, ValidationProblem } from './errors.js';
import { IDEMPOTENCY, SERVICE_NAME } from './tokens.js';

interface Stored {
  state: 'pending' | 'done';
  requestHash: string;
  /** The event id a retry must reuse, so JetStream stores the event once even after a crash. */
  eventId: string;
  startedAt: number;
  status?: number;
  body?: unknown;
}

export interface IdempotentRequest extends AuthenticatedRequest {
  idempotentEventId?: string;
}

const TAKEOVER_AFTER_MS = 30_000;
/**
 * How long one operation on the bucket may wait for NATS. A request makes up to four (create,
 * get, then update or delete) around its command (COMMAND_DEADLINE_MS): short enough that an
 * unreachable NATS gives the caller a 503 well before a client's own timeout, not a hang.
 */
export const IDEMPOTENCY_KV_TIMEOUT_MS = 2_000;

/** The bucket refused the create because the key exists (JetStream's "wrong last sequence"). */
function keyExists(err: unknown): boolean {
  return /wrong last sequence/i.test((err as { message?: unknown } | null)?.message as string);
}

/** Idempotency keys live 24 hours in a JetStream KV bucket shared by every replica. */
export class IdempotencyStore {
  private constructor(readonly kv: KV) {}

  static async open(nats: NatsHandle, topology: Topology): Promise<IdempotencyStore> {
    const name = topology.bucket('highland_idempotency');
    const js = jetstream(nats.nc, { timeout: IDEMPOTENCY_KV_TIMEOUT_MS });
    const kv = await new Kvm(js).create(name, { history: 1, ttl: 24 * 3600_000 });
    return new IdempotencyStore(kv);
  }
}

/**
 * `Idempotency-Key` on POST: the first request runs and its response is kept; a retry with the
 * same key and body gets the same response (header Idempotent-Replayed: true); the same key with
 * another body is a 422; a retry while the first is still running is a 409.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    @Inject(IDEMPOTENCY) private readonly store: IdempotencyStore,
    @Inject(SERVICE_NAME) private readonly service: string,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const req = context.switchToHttp().getRequest<IdempotentRequest>();
    const res = context.switchToHttp().getResponse<ExpressResponse>();
    const key = req.headers['idempotency-key'];
    if (req.method !== 'POST' || key === undefined) return next.handle();
    return from(this.run(String(key), req, res, next));
  }

  private async run(
    key: string,
    req: IdempotentRequest,
    res: ExpressResponse,
    next: CallHandler,
  ): Promise<unknown> {
    if (!/^[\x21-\x7e]{1,200}$/.test(key)) {
      throw new ValidationProblem('invalid Idempotency-Key', [
        { field: 'header.idempotency-key', reason: '1-200 visible ASCII characters' },
      ]);
    }
    const department = req.caller?.record.department ?? 'anonymous';
    const storeKey = createHash('sha256').update(`${this.service}\n${department}\n${key}`).digest('hex');
    const requestHash = createHash('sha256')
      .update(`${req.method} ${req.originalUrl}\n${JSON.stringify(req.body ?? null)}`)
      .digest('hex');
    const kv = this.store.kv;
    let eventId = newEventId();
    let revision: number;
    try {
      revision = await kv.create(
        storeKey,
        JSON.stringify({ state: 'pending', requestHash, eventId, startedAt: Date.now() } satisfies Stored),
      );
    } catch (err) {
      // NATS did not answer (a 503 at the edge); only an existing key means a retry.
      if (!keyExists(err)) throw err;
      const entry = await kv.get(storeKey);
      const stored = entry?.json<Stored>();
      if (!entry || !stored)
        throw new ConflictProblem('the Idempotency-Key is being recorded; retry shortly');
      if (stored.requestHash !== requestHash) {
        throw new UnprocessableProblem('this Idempotency-Key was used for a different request', [
          { field: 'header.idempotency-key', reason: 'already used with another method, path or body' },
        ]);
      }
      if (stored.state === 'done') {
        res.setHeader('Idempotent-Replayed', 'true');
        res.status(stored.status ?? 200);
        return stored.body;
      }
      if (Date.now() - stored.startedAt < TAKEOVER_AFTER_MS) {
        throw new ConflictProblem('a request with this Idempotency-Key is still in progress; retry shortly');
      }
      // The first attempt died mid-way: take over (compare-and-set on the revision) with its event id.
      eventId = stored.eventId;
      revision = await kv
        .update(storeKey, JSON.stringify({ ...stored, startedAt: Date.now() }), entry.revision)
        .catch(() => {
          throw new ConflictProblem(
            'a request with this Idempotency-Key is still in progress; retry shortly',
          );
        });
    }
    req.idempotentEventId = eventId;
    try {
      const body: unknown = await lastValueFrom(next.handle(), { defaultValue: undefined });
      const done: Stored = {
        state: 'done',
        requestHash,
        eventId,
        startedAt: Date.now(),
        status: res.statusCode,
        body,
      };
      await kv.update(storeKey, JSON.stringify(done), revision);
      return body;
    } catch (err) {
      // Nothing was recorded for a refused request: the key may be used again.
      await kv.delete(storeKey).catch(() => undefined);
      throw err;
    }
  }
}
