import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import { Agent, request } from 'undici';
import { type WebhookTargetPolicy, refuseAddress } from './webhook-target.js';

export interface WebhookClientOptions {
  policy: WebhookTargetPolicy;
  /** DNS, TCP and TLS together. */
  connectTimeoutMs: number;
  /** The whole call, from the first byte out to the last byte read. */
  timeoutMs: number;
  /** At most this much of a receiver's answer is read; the rest is dropped with the connection. */
  maxResponseBytes: number;
  /** Name resolution (tests resolve names of their own to 127.0.0.1); default `dns.lookup`. */
  lookup?: LookupFunction;
}

/** What a receiver answered, or why there was no answer. */
export type WebhookAnswer = { status: number; ok: boolean } | { error: string };

export class TargetRefusedError extends Error {
  override name = 'TargetRefusedError';
  readonly code = 'ERR_WEBHOOK_TARGET_REFUSED';
}

/**
 * A name's addresses are checked after they are resolved and before a socket connects, on every
 * connection: a name that resolves to an internal address, now or after a rebinding, is never
 * connected to. Every address of the answer must pass (the socket may try any of them).
 */
export function guardedLookup(base: LookupFunction = dnsLookup): LookupFunction {
  return (hostname, options, callback) => {
    base(hostname, { ...options, all: true }, (err, found) => {
      if (err) return callback(err, options.all ? [] : '', undefined);
      const addresses: LookupAddress[] = Array.isArray(found)
        ? found
        : [{ address: found, family: isIP(found) }];
      for (const a of addresses) {
        const refused = refuseAddress(a.address);
        if (refused)
          return callback(
            new TargetRefusedError(`refused: ${hostname} resolves to ${refused}`),
            options.all ? [] : '',
            undefined,
          );
      }
      if (addresses.length === 0) return callback(new Error(`${hostname} has no address`), '', undefined);
      if (options.all) callback(null, addresses);
      else callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
}

/**
 * Outbound webhook POSTs (undici: maintained, with connect, header and body timeouts and a
 * response-size limit of its own). A URL the policy refuses is never connected to; a host the
 * office allowed explicitly skips the address check. No redirects are followed.
 */
export class WebhookClient {
  private readonly guarded: Agent;
  private readonly allowListed: Agent;

  constructor(private readonly options: WebhookClientOptions) {
    const common = {
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
      maxResponseSize: options.maxResponseBytes,
    };
    const lookup = options.lookup ?? dnsLookup;
    this.guarded = new Agent({
      ...common,
      connect: { timeout: options.connectTimeoutMs, lookup: guardedLookup(lookup) },
    });
    this.allowListed = new Agent({ ...common, connect: { timeout: options.connectTimeoutMs, lookup } });
  }

  async post(target: string, body: string, headers: Record<string, string>): Promise<WebhookAnswer> {
    const refused = this.options.policy.refuseUrl(target);
    if (refused) return { error: `refused: ${refused}` };
    const url = new URL(target);
    const dispatcher = this.options.policy.isAllowListed(url) ? this.allowListed : this.guarded;
    try {
      const res = await request(url, {
        method: 'POST',
        body,
        headers,
        dispatcher,
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
      // Only the status counts; at most maxResponseBytes of the answer are read.
      await res.body.dump({ limit: this.options.maxResponseBytes }).catch(() => undefined);
      return { status: res.statusCode, ok: res.statusCode >= 200 && res.statusCode < 300 };
    } catch (err) {
      return { error: describe(err) };
    }
  }

  async close(): Promise<void> {
    await Promise.all([this.guarded.close(), this.allowListed.close()]);
  }

  /** Nest's shutdown hook: the app closes its client. */
  async onApplicationShutdown(): Promise<void> {
    await this.close();
  }
}

function describe(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  if (err.name === 'TimeoutError') return 'timed out';
  const cause = (err as { cause?: unknown }).cause;
  return cause instanceof Error && cause.message && !err.message.includes(cause.message)
    ? `${err.message}: ${cause.message}`
    : err.message;
}
