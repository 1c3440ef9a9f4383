import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot, stopProcess } from '@highland/infra';

export interface ServiceProcess {
  url: string;
  child: ChildProcess;
  logFile: string;
  stop(): Promise<void>;
}

/**
 * Runs a built service as its own process, the way `./highland up` does (telemetry loaded first),
 * and waits until it is ready. The log goes to a file that a failure message quotes.
 */
export async function startServiceProcess(
  service: string,
  env: Record<string, string>,
  logDir: string,
  timeoutMs = 60_000,
): Promise<ServiceProcess> {
  const dir = join(repoRoot(), 'services', service);
  const logFile = join(logDir, `${service}.log`);
  const fd = openSync(logFile, 'a');
  const child = spawn(
    process.execPath,
    [
      '--enable-source-maps',
      '--import',
      '@highland/service-kit/telemetry-register',
      join(dir, 'dist', 'main.js'),
    ],
    {
      cwd: dir,
      env: { ...process.env, ...env, HIGHLAND_SERVICE: service, HIGHLAND_PARENT_PID: String(process.pid) },
      stdio: ['ignore', fd, fd],
    },
  );
  closeSync(fd);
  const url = `http://127.0.0.1:${env.PORT}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) {
      throw new Error(
        `${service} exited during start (code ${child.exitCode}):\n${readFileSync(logFile, 'utf8').slice(-3000)}`,
      );
    }
    try {
      if ((await fetch(`${url}/health/ready`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stopProcess(child);
      throw new Error(
        `${service} not ready in ${timeoutMs} ms:\n${readFileSync(logFile, 'utf8').slice(-3000)}`,
      );
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { url, child, logFile, stop: () => stopProcess(child) };
}
