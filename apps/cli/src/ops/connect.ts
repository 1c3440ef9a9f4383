import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_NATS_PORT, highlandHome } from '@highland/infra';
import type { NatsHandle, Topology } from '@highland/messaging';
import { type InfraState, readInfraState } from '../infra-state.js';
import { CliError } from '../output.js';

export interface NatsTarget {
  url: string;
  /** Where the URL came from, for messages: "NATS_URL", "infra up", "default port". */
  source: string;
  /** Namespace of subjects and streams ('' for the platform itself). */
  namespace: string;
}

type Env = Record<string, string | undefined>;

/**
 * Where the platform's NATS is: `NATS_URL`, else what `./highland infra up` left running, else the
 * port `./highland up` uses (`HIGHLAND_NATS_PORT`, default 14222). The namespace comes from
 * `HIGHLAND_NAMESPACE` (the same variable the services read).
 */
export function resolveNatsTarget(
  env: Env = process.env,
  infraState: () => Pick<InfraState, 'natsUrl'> | undefined = readInfraState,
): NatsTarget {
  const namespace = resolveNamespace(env);
  if (env.NATS_URL) return { url: env.NATS_URL, source: 'NATS_URL', namespace };
  let state: Pick<InfraState, 'natsUrl'> | undefined;
  try {
    state = infraState();
  } catch {
    state = undefined; // an unreadable state file: fall back to the default port
  }
  if (state?.natsUrl) return { url: state.natsUrl, source: '`./highland infra up`', namespace };
  const port = natsPort(env);
  return {
    url: `nats://127.0.0.1:${port}`,
    source: env.HIGHLAND_NATS_PORT ? 'HIGHLAND_NATS_PORT' : 'the default port',
    namespace,
  };
}

export function resolveNamespace(env: Env = process.env): string {
  const ns = env.HIGHLAND_NAMESPACE ?? '';
  if (ns && !/^[a-z0-9][a-z0-9-]*$/.test(ns)) {
    throw new CliError(`HIGHLAND_NAMESPACE must be lower-case letters, digits and dashes, got "${ns}"`, 2);
  }
  return ns;
}

function natsPort(env: Env): number {
  const raw = env.HIGHLAND_NATS_PORT;
  if (raw === undefined || raw === '') return DEFAULT_NATS_PORT;
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || port < 1 || port > 65535) {
    throw new CliError(`HIGHLAND_NATS_PORT must be a port number (1-65535), got "${raw}"`, 2);
  }
  return port;
}

/**
 * The seed file the CLI connects with as `user` (`cli` for operations, `keys` for key
 * administration): NATS_CREDENTIALS_FILE when set; else that user's file in HIGHLAND_NATS_CREDENTIALS,
 * in what `./highland infra up` recorded, or in the folder `./highland up` generates; anonymous
 * when there is none (an external NATS without authentication).
 */
export function resolveNatsCredentials(
  user: string,
  env: Env = process.env,
  infraState: () => Pick<InfraState, 'natsCredentialsDir'> | undefined = readInfraState,
): string | undefined {
  if (env.NATS_CREDENTIALS_FILE) return env.NATS_CREDENTIALS_FILE;
  let dir = env.HIGHLAND_NATS_CREDENTIALS;
  if (!dir && !env.NATS_URL) {
    try {
      dir = infraState()?.natsCredentialsDir;
    } catch {
      dir = undefined;
    }
    dir ??= join(highlandHome(), 'data', 'nats-auth');
  }
  const file = dir ? join(dir, `${user}.nk`) : undefined;
  return file && existsSync(file) ? file : undefined;
}

export interface NatsSession {
  nats: NatsHandle;
  topology: Topology;
  target: NatsTarget;
  close(): Promise<void>;
}

/** Describes where we looked, for error messages. */
export function describeTarget(t: NatsTarget): string {
  return `${t.url} (from ${t.source}${t.namespace ? `, namespace "${t.namespace}"` : ''})`;
}

/**
 * Connects to the platform's NATS with JetStream; a clear error when nothing answers. The
 * messaging library is loaded here, not at start-up, so `./highland --help` stays fast.
 */
export async function openNats(
  target: NatsTarget = resolveNatsTarget(),
  timeoutMs = 3_000,
  user = 'cli',
): Promise<NatsSession> {
  const { connectNats, Topology } = await import('@highland/messaging');
  const topology = new Topology(target.namespace);
  let nats: NatsHandle;
  try {
    nats = await connectNats({
      url: target.url,
      name: 'highland-cli',
      timeoutMs,
      credentialsFile: resolveNatsCredentials(user),
    });
  } catch (err) {
    throw new CliError(
      `cannot reach NATS at ${describeTarget(target)}: ${reason(err)}. Is \`./highland up\` running? ` +
        '(or set NATS_URL)',
    );
  }
  // Surface JetStream errors here rather than half-way through a command.
  try {
    await nats.jsm.getAccountInfo();
  } catch (err) {
    await nats.close();
    throw new CliError(`NATS at ${describeTarget(target)} answers, but JetStream does not: ${reason(err)}`);
  }
  return { nats, topology, target, close: () => nats.close() };
}

/** Runs `fn` with a connection, and always closes it. */
export async function withNats<T>(
  fn: (session: NatsSession) => Promise<T>,
  user: 'cli' | 'keys' = 'cli',
): Promise<T> {
  const session = await openNats(resolveNatsTarget(), 3_000, user);
  try {
    return await fn(session);
  } finally {
    await session.close();
  }
}

export function reason(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const cause =
    err.cause instanceof Error && err.cause.message !== err.message ? ` (${err.cause.message})` : '';
  return `${err.message || err.name}${cause}`;
}
