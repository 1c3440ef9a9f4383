import { producingServices } from '@highland/contracts';
import type { NatsSession } from './connect.js';
import { reason } from './connect.js';
import { CliError } from '../output.js';

/**
 * The services that may own consumers, asked in this order when looking for one: every service
 * with events in the contracts' catalogue (a new service is found without an edit here).
 */
export const KNOWN_SERVICES: readonly string[] = producingServices;

export type AdminAnswer =
  | { kind: 'ok'; body: Record<string, unknown> }
  | { kind: 'refused'; error: string }
  | { kind: 'not-running' }
  | { kind: 'timeout' }
  | { kind: 'broken'; error: string };

/**
 * One admin request/reply (see ConsumersHost in @highland/messaging): the service answers
 * `{ok: true, ...}` or `{ok: false, error}`. Never throws: callers decide what each outcome means.
 */
export async function askService(
  session: NatsSession,
  service: string,
  operation: string,
  body: Record<string, unknown>,
  timeoutMs: number,
): Promise<AdminAnswer> {
  const { NoRespondersError, RequestError, TimeoutError } = await import('@nats-io/nats-core');
  const subject = session.topology.adminSubject(service, operation);
  let text: string;
  try {
    const msg = await session.nats.nc.request(subject, JSON.stringify(body), { timeout: timeoutMs });
    text = msg.string();
  } catch (err) {
    // nats-core wraps "no responders" in a RequestError (cause: NoRespondersError).
    if (
      err instanceof NoRespondersError ||
      (err instanceof RequestError && err.isNoResponders()) ||
      (err instanceof Error && err.cause instanceof NoRespondersError)
    ) {
      return { kind: 'not-running' };
    }
    if (err instanceof TimeoutError || (err instanceof Error && err.cause instanceof TimeoutError)) {
      return { kind: 'timeout' };
    }
    return { kind: 'broken', error: reason(err) };
  }
  let reply: unknown;
  try {
    reply = JSON.parse(text);
  } catch {
    return { kind: 'broken', error: `the answer is not JSON: ${text.slice(0, 200)}` };
  }
  if (!reply || typeof reply !== 'object') return { kind: 'broken', error: 'the answer is not an object' };
  const r = reply as Record<string, unknown>;
  if (r.ok === true) return { kind: 'ok', body: r };
  return { kind: 'refused', error: typeof r.error === 'string' ? r.error : JSON.stringify(r) };
}

/** Like askService, but anything other than `{ok: true}` becomes a CliError with a clear message. */
export async function requireAnswer(
  session: NatsSession,
  service: string,
  operation: string,
  body: Record<string, unknown>,
  timeoutMs: number,
): Promise<Record<string, unknown>> {
  const answer = await askService(session, service, operation, body, timeoutMs);
  switch (answer.kind) {
    case 'ok':
      return answer.body;
    case 'not-running':
      throw new CliError(
        `no ${service} service is running (nothing answers ${session.topology.adminSubject(service, operation)} ` +
          `on ${session.target.url}). Start it with \`./highland up\`.`,
      );
    case 'timeout':
      throw new CliError(
        `the ${service} service did not answer "${operation}" within ${Math.round(timeoutMs / 1000)} s; ` +
          'it may still be working: see its log in .highland/logs/',
      );
    case 'refused':
      throw new CliError(`the ${service} service refused "${operation}": ${answer.error}`);
    case 'broken':
      throw new CliError(`"${operation}" request to the ${service} service failed: ${answer.error}`);
  }
}
