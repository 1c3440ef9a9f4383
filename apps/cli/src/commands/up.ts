import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { highlandHome, serviceNodeFlags, stopProcess } from '@highland/infra';
import { seedFileIn } from '@highland/messaging';
import { Command } from 'commander';
import { discoverServices, type ServiceManifest, withDatabase } from '../services.js';
import { CliError, log } from '../output.js';
import { acquireInfra } from './infra.js';
import { ensureOfficeKey, officeKeyFile } from '../office-key.js';

interface RunningService {
  manifest: ServiceManifest;
  port: number;
  url: string;
  child: ChildProcess;
  logFile: string;
}

export function upCommand(): Command {
  return new Command('up')
    .description('start the infrastructure and every service, print where they are, run until Ctrl-C')
    .option('--only <services>', 'comma-separated service names to start (default: all)')
    .action(async (opts: { only?: string }) => {
      const wanted = opts.only?.split(',').map((s) => s.trim());
      const manifests = discoverServices().filter((s) => !wanted || wanted.includes(s.name));
      if (wanted) {
        const unknown = wanted.filter((w) => !manifests.some((m) => m.name === w));
        if (unknown.length) throw new CliError(`unknown service(s): ${unknown.join(', ')}`, 2);
      }

      const infra = await acquireInfra();
      const services: RunningService[] = [];
      let stopping: Promise<void> | undefined;
      const shutdown = (why: string, code: number) => {
        stopping ??= (async () => {
          log(`${why}: stopping …`);
          await Promise.all(services.map((s) => stopProcess(s.child)));
          await infra.stop();
          log('stopped cleanly');
          process.exit(code);
        })();
        return stopping;
      };
      process.on('SIGINT', () => void shutdown('Ctrl-C', 0));
      process.on('SIGTERM', () => void shutdown('SIGTERM', 0));

      try {
        const officeKey = ensureOfficeKey();
        mkdirSync(logDir(), { recursive: true });
        for (const manifest of manifests) {
          services.push(startService(manifest, infra, logDir(), officeKey));
        }
        await Promise.all(services.map((s) => waitHealthy(s)));
      } catch (err) {
        log(err instanceof Error ? err.message : String(err));
        await shutdown('start failed', 1);
        return;
      }
      const restart = (s: RunningService) => startService(s.manifest, infra, logDir(), ensureOfficeKey());
      for (const s of services) supervise(s, restart, () => !!stopping);
      printReady(infra, services);
      await new Promise(() => {}); // until a signal
    });
}

const logDir = () => join(highlandHome(), 'logs');

/** First delay before restarting a crashed service, its ceiling, and how long up counts as stable. */
export const RESTART = { firstMs: 500, maxMs: 30_000, stableMs: 60_000 } as const;

/**
 * The delay before the next restart: doubling from RESTART.firstMs to RESTART.maxMs while the
 * service keeps crashing, back to the first after it stayed up for RESTART.stableMs.
 */
export function restartDelay(previousMs: number | undefined, upForMs: number): number {
  if (previousMs === undefined || upForMs >= RESTART.stableMs) return RESTART.firstMs;
  return Math.min(previousMs * 2, RESTART.maxMs);
}

/**
 * Keeps a service running: when its process exits while the platform is not stopping, it is
 * started again after a backoff, and the others keep serving meanwhile.
 */
function supervise(
  s: RunningService,
  start: (s: RunningService) => RunningService,
  stopping: () => boolean,
  previousDelay?: number,
): void {
  const startedAt = Date.now();
  s.child.once('exit', (code, signal) => {
    if (stopping()) return;
    const delay = restartDelay(previousDelay, Date.now() - startedAt);
    log(
      `service ${s.manifest.name} exited (code ${code}, signal ${signal}); restarting in ${delay} ms; see ${s.logFile}`,
    );
    setTimeout(() => {
      if (stopping()) return;
      const next = start(s);
      s.child = next.child;
      supervise(s, start, stopping, delay);
      void waitHealthy(s).then(
        () => log(`service ${s.manifest.name} is back at ${s.url}`),
        (err: unknown) => log(err instanceof Error ? err.message : String(err)),
      );
    }, delay);
  });
}

function startService(
  manifest: ServiceManifest,
  {
    natsUrl,
    mongoUrl,
    natsCredentialsDir,
  }: { natsUrl: string; mongoUrl: string; natsCredentialsDir?: string },
  logDir: string,
  officeKey: string,
): RunningService {
  const envName = `HIGHLAND_${manifest.name.toUpperCase()}_PORT`;
  const port = Number(process.env[envName] ?? manifest.defaultPort);
  const logFile = join(logDir, `${manifest.name}.log`);
  const fd = openSync(logFile, 'a');
  try {
    const child = spawn(process.execPath, serviceNodeArgs(manifest), {
      cwd: manifest.dir,
      stdio: ['ignore', fd, fd],
      env: {
        ...process.env,
        NATS_URL: natsUrl,
        // Each service connects as its own NATS user: it may publish only its own events.
        NATS_CREDENTIALS_FILE: natsCredentialsDir ? seedFileIn(natsCredentialsDir, manifest.name) : '',
        MONGO_URL: withDatabase(mongoUrl, manifest.database),
        PORT: String(port),
        HOST: process.env.HOST ?? '127.0.0.1',
        HIGHLAND_SERVICE: manifest.name,
        HIGHLAND_PARENT_PID: String(process.pid),
        HIGHLAND_BOOTSTRAP_OFFICE_KEY: officeKey,
        TBT_OUTBOX_DIR: process.env.TBT_OUTBOX_DIR ?? join(highlandHome(), 'outbox'),
      },
    });
    return { manifest, port, url: `http://127.0.0.1:${port}`, child, logFile };
  } finally {
    closeSync(fd);
  }
}

async function waitHealthy(s: RunningService, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (s.child.exitCode !== null) {
      throw new CliError(
        `service ${s.manifest.name} exited during start (code ${s.child.exitCode}); see ${s.logFile}`,
      );
    }
    try {
      const res = await fetch(`${s.url}/health/ready`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new CliError(
    `service ${s.manifest.name} was not ready within ${timeoutMs / 1000} s; see ${s.logFile}`,
  );
}

function printReady(
  infra: { natsUrl: string; mongoUrl: string; describe: string },
  services: RunningService[],
) {
  const lines = ['', '  Highland is ready', ''];
  for (const s of services) {
    lines.push(`  ${s.manifest.name.padEnd(12)} ${s.url}`);
    for (const [label, path] of Object.entries(s.manifest.links)) {
      lines.push(`  ${''.padEnd(12)}   ${label.padEnd(15)} ${s.url}${path}`);
    }
  }
  if (services.length === 0) lines.push('  (no services yet)');
  lines.push(
    '',
    `  NATS         ${infra.natsUrl}`,
    `  store        ${infra.mongoUrl}`,
    `  servers      ${infra.describe}`,
    `  logs         ${join(highlandHome(), 'logs')}`,
    '',
    `  office key   ${officeKeyFile()}  (export HIGHLAND_API_KEY=$(cat ${officeKeyFile()}))`,
    '',
    '  Ctrl-C stops everything.',
    '',
  );
  process.stdout.write(lines.join('\n') + '\n');
}

/**
 * Telemetry loads before the service's modules so its instrumentation can patch them. The home
 * folder goes on the command line (the service ignores it) so `ps` shows which platform a process belongs to.
 */
export function serviceNodeArgs(manifest: ServiceManifest): string[] {
  return [
    ...serviceNodeFlags(manifest.name),
    '--enable-source-maps',
    '--import',
    '@highland/service-kit/telemetry-register',
    manifest.main,
    `--highland-home=${highlandHome()}`,
  ];
}
