import type { ReplyOf, RequestContract, RequestOf } from '@highland/contracts';
import { Rejection, RequestError } from '@highland/contracts';
import type { Subscription } from '@nats-io/nats-core';
import type { NatsHandle } from './connection.js';
import type { Topology } from './topology.js';

/** The other side refused the request (invalid, not found …) or failed answering it. */
export class RequestFailed extends Error {
  override name = 'RequestFailed';
  constructor(
    readonly subject: string,
    readonly kind: string,
    message: string,
  ) {
    super(`${subject}: ${message}`);
  }
}

export type RequestHandler<C extends RequestContract> = (
  request: RequestOf<C>,
) => ReplyOf<C> | Promise<ReplyOf<C>>;

/**
 * Answers a request contract on the service's own connection, in a queue group per service so
 * each request is answered by one replica. The request is checked against its schema before the
 * handler sees it, the reply before it is sent; a refusal comes back as `{ error }`, never silence.
 */
export function serveRequests<C extends RequestContract>(
  nats: NatsHandle,
  topology: Topology,
  contract: C,
  handler: RequestHandler<C>,
): Subscription {
  return nats.nc.subscribe(topology.requestSubject(contract), {
    queue: `${contract.service}-rpc`,
    callback: (err, msg) => {
      if (err) return;
      void (async () => {
        let reply: unknown;
        try {
          const body: unknown = msg.data.length ? msg.json() : {};
          const parsed = contract.request.safeParse(body);
          if (!parsed.success) {
            const issue = parsed.error.issues[0];
            throw Rejection.invalid(`${issue?.path.join('.') || 'request'}: ${issue?.message ?? 'invalid'}`);
          }
          reply = contract.reply.parse(await handler(parsed.data as RequestOf<C>));
        } catch (e) {
          const kind = e instanceof Rejection ? e.kind : 'internal';
          const message = e instanceof Rejection ? e.message : 'the request could not be answered';
          reply = { error: { kind, message } } satisfies RequestError;
        }
        msg.respond(JSON.stringify(reply));
      })();
    },
  });
}

/** Asks another service; the reply is checked against the contract, a refusal throws RequestFailed. */
export async function requestReply<C extends RequestContract>(
  nats: NatsHandle,
  topology: Topology,
  contract: C,
  request: RequestOf<C>,
  opts: { timeoutMs?: number } = {},
): Promise<ReplyOf<C>> {
  const subject = topology.requestSubject(contract);
  const msg = await nats.nc.request(subject, JSON.stringify(contract.request.parse(request)), {
    timeout: opts.timeoutMs ?? 5_000,
  });
  const body: unknown = msg.json();
  const refused = RequestError.safeParse(body);
  if (refused.success) throw new RequestFailed(subject, refused.data.error.kind, refused.data.error.message);
  const reply = contract.reply.safeParse(body);
  if (!reply.success) throw new RequestFailed(subject, 'invalid-reply', reply.error.message);
  return reply.data as ReplyOf<C>;
}
