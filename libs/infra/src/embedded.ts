import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ensureNatsCredentials, OPERATOR_USER, seedFileIn } from '@highland/messaging';
import { ensureEmbeddedBinary, InfraError, type Progress } from './go-build.js';
import { freePort } from './ports.js';
import { waitForMongo, waitForNats } from './readiness.js';

export type NatsKind = 'external' | 'embedded' | 'system-nats-server';
export type MongoKind = 'external' | 'mongod' | 'ferretdb';

export interface InfraOptions {
  /** Folder for the servers' data and logs; created when missing. */
  dataDir: string;
  natsPort?: number;
  mongoPort?: number;
  /** Make the servers exit by themselves when this process dies (tests, `up`); off for `infra up`. */
  tiedToThisProcess?: boolean;
  progress?: Progress;
  env?: NodeJS.ProcessEnv;
  /** Also create the all-permissions `admin` NATS user (test harnesses, benchmarks). */
  adminUser?: boolean;
}

export interface Infra {
  natsUrl: string;
  mongoUrl: string;
  natsKind: NatsKind;
  mongoKind: MongoKind;
  /**
   * Folder of the NATS users' seed files (`<user>.nk`): generated for a NATS started here, else
   * HIGHLAND_NATS_CREDENTIALS; undefined when the external NATS takes anonymous clients.
   */
  natsCredentialsDir?: string;
  /** Processes this call started (empty when everything was external). */
  pids: number[];
  logFiles: string[];
  stop(): Promise<void>;
}

/** Default ports: never the machine's standard ones (4222, 27017). */
export const DEFAULT_NATS_PORT = 14222;
export const DEFAULT_MONGO_PORT = 17017;

const STOP_GRACE_MS = 10_000;

function which(cmd: string): string | undefined {
  try {
    return execFileSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

/**
 * Provides NATS and the MongoDB-protocol store: NATS_URL / MONGO_URL when given; else a `mongod` on
 * PATH for the store; else the embedded Go program (nats-server and FerretDB 1.24.2 on SQLite).
 * A failed start stops whatever it had already started.
 */
export async function startInfra(opts: InfraOptions): Promise<Infra> {
  const env = opts.env ?? process.env;
  const progress = opts.progress ?? ((m: string) => process.stderr.write(`highland: ${m}\n`));
  mkdirSync(opts.dataDir, { recursive: true });
  const started: ChildProcess[] = [];
  const logFiles: string[] = [];
  const stop = () => stopAll(started);

  try {
    let natsUrl = env.NATS_URL;
    let mongoUrl = env.MONGO_URL;
    let natsKind: NatsKind = 'external';
    let mongoKind: MongoKind = 'external';
    let natsCredentialsDir = natsUrl ? env.HIGHLAND_NATS_CREDENTIALS || undefined : undefined;
    // A NATS started here admits only the platform's users, each with its own permissions.
    const natsAuth = () => {
      const creds = ensureNatsCredentials(join(opts.dataDir, 'nats-auth'), { admin: opts.adminUser });
      natsCredentialsDir = creds.dir;
      return creds.configFile;
    };

    const mongod = mongoUrl ? undefined : which('mongod');
    if (!mongoUrl && mongod) {
      const port = opts.mongoPort ?? (await freePort());
      const dbPath = join(opts.dataDir, 'mongod');
      mkdirSync(dbPath, { recursive: true });
      const log = join(opts.dataDir, 'mongod.log');
      logFiles.push(log);
      started.push(
        spawnLogged(
          mongod,
          ['--bind_ip', '127.0.0.1', '--port', String(port), '--dbpath', dbPath],
          log,
          false,
        ),
      );
      mongoUrl = `mongodb://127.0.0.1:${port}/`;
      mongoKind = 'mongod';
    }

    const wantNats = !natsUrl;
    const wantFerret = !mongoUrl;
    if (wantNats || wantFerret) {
      let bin: string | undefined;
      try {
        bin = await ensureEmbeddedBinary(progress);
      } catch (err) {
        const systemNats = which('nats-server');
        if (wantFerret || !systemNats) throw err;
        progress(`WARNING: ${(err as Error).message}`);
        progress(
          `WARNING: falling back to the system nats-server (${systemNats}); versions before 2.10 lack features Highland uses`,
        );
        const port = opts.natsPort ?? (await freePort());
        const log = join(opts.dataDir, 'nats-server.log');
        logFiles.push(log);
        const sd = join(opts.dataDir, 'jetstream');
        started.push(
          spawnLogged(
            systemNats,
            ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', sd, '-c', natsAuth()],
            log,
            false,
          ),
        );
        natsUrl = `nats://127.0.0.1:${port}`;
        natsKind = 'system-nats-server';
      }
      if (bin) {
        const args: string[] = [];
        if (wantNats) {
          const port = opts.natsPort ?? (await freePort());
          args.push(
            '-nats-addr',
            `127.0.0.1:${port}`,
            '-nats-dir',
            join(opts.dataDir, 'jetstream'),
            '-nats-config',
            natsAuth(),
          );
          natsUrl = `nats://127.0.0.1:${port}`;
          natsKind = 'embedded';
        }
        if (wantFerret) {
          const port = opts.mongoPort ?? (await freePort());
          args.push('-ferret-addr', `127.0.0.1:${port}`, '-ferret-dir', join(opts.dataDir, 'ferretdb'));
          mongoUrl = `mongodb://127.0.0.1:${port}/`;
          mongoKind = 'ferretdb';
        }
        if (opts.tiedToThisProcess) args.push('-parent-pid', String(process.pid));
        const log = join(opts.dataDir, 'embedded.log');
        logFiles.push(log);
        const spawned = spawnWithLog(bin, args, log, !opts.tiedToThisProcess);
        started.push(spawned.child);
        await waitForReadyLine(spawned);
      }
    }

    const probeUser = natsCredentialsDir ? seedFileIn(natsCredentialsDir, OPERATOR_USER) : undefined;
    await Promise.all([waitForNats(natsUrl!, undefined, probeUser), waitForMongo(mongoUrl!)]);
    return {
      natsUrl: natsUrl!,
      mongoUrl: mongoUrl!,
      natsKind,
      mongoKind,
      natsCredentialsDir,
      pids: started.map((c) => c.pid!).filter(Boolean),
      logFiles,
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

interface Spawned {
  child: ChildProcess;
  logFile: string;
  logOffset: number;
}

// stdout and stderr go to the log file, never a pipe: a detached server must outlive this process.
function spawnLogged(cmd: string, args: string[], logFile: string, detached: boolean): ChildProcess {
  return spawnWithLog(cmd, args, logFile, detached).child;
}

function spawnWithLog(cmd: string, args: string[], logFile: string, detached: boolean): Spawned {
  const logOffset = existsSync(logFile) ? statSync(logFile).size : 0;
  const fd = openSync(logFile, 'a');
  try {
    const child = spawn(cmd, args, { stdio: ['ignore', fd, fd], detached });
    if (detached) child.unref();
    return { child, logFile, logOffset };
  } finally {
    closeSync(fd);
  }
}

async function waitForReadyLine({ child, logFile, logOffset }: Spawned, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const fresh = () => (existsSync(logFile) ? readFileSync(logFile, 'utf8').slice(logOffset) : '');
  for (;;) {
    const out = fresh();
    if (/^READY /m.test(out)) return;
    const why =
      child.exitCode !== null || child.signalCode !== null
        ? `exited early (code ${child.exitCode}, signal ${child.signalCode})`
        : Date.now() > deadline
          ? `no READY line within ${timeoutMs} ms`
          : undefined;
    if (why)
      throw new InfraError(
        `the embedded servers did not start: ${why}\n--- ${logFile} ---\n${out.slice(-2000)}`,
      );
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** SIGTERM, a grace period, then SIGKILL: servers never outlive the call. */
async function stopAll(children: ChildProcess[]): Promise<void> {
  await Promise.all(children.reverse().map((c) => stopProcess(c)));
  children.length = 0;
}

export async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || !child.pid) return;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  child.kill('SIGTERM');
  const timer = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), STOP_GRACE_MS).unref());
  if ((await Promise.race([exited, timer])) === 'timeout') {
    child.kill('SIGKILL');
    await exited;
  }
}

/** Stops a process known only by pid (for `infra down`), with the same grace period. */
export async function stopPid(pid: number): Promise<boolean> {
  const alive = () => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  if (!alive()) return false;
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + STOP_GRACE_MS;
  while (alive() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  if (alive()) process.kill(pid, 'SIGKILL');
  return true;
}

export interface EmbeddedNats {
  url: string;
  /** The users' seed files, when started with `auth`. */
  credentialsDir?: string;
  stop(): Promise<void>;
}

/**
 * One embedded NATS server on a given port and folder: for tests that restart it mid-flight. With
 * `auth`, it admits only the platform's users and `admin` (seeds kept in `<dataDir>/nats-auth`, so a
 * restart keeps them).
 */
export async function startEmbeddedNats(opts: {
  port: number;
  dataDir: string;
  auth?: boolean;
}): Promise<EmbeddedNats> {
  const bin = await ensureEmbeddedBinary();
  mkdirSync(opts.dataDir, { recursive: true });
  const creds = opts.auth
    ? ensureNatsCredentials(join(opts.dataDir, 'nats-auth'), { admin: true })
    : undefined;
  const spawned = spawnWithLog(
    bin,
    [
      '-nats-addr',
      `127.0.0.1:${opts.port}`,
      '-nats-dir',
      join(opts.dataDir, 'jetstream'),
      ...(creds ? ['-nats-config', creds.configFile] : []),
      '-parent-pid',
      String(process.pid),
    ],
    join(opts.dataDir, 'nats.log'),
    false,
  );
  try {
    await waitForReadyLine(spawned);
    const url = `nats://127.0.0.1:${opts.port}`;
    await waitForNats(url, undefined, creds?.seedFile(OPERATOR_USER));
    return {
      url,
      ...(creds ? { credentialsDir: creds.dir } : {}),
      stop: () => stopProcess(spawned.child),
    };
  } catch (err) {
    await stopProcess(spawned.child);
    throw err;
  }
}
