// `./highland up` as a user runs it: reaches "ready", stops cleanly on Ctrl-C, and leaves no server
// behind even when it is killed outright.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, highlandCache, repoRoot, serviceNodeFlags } from '@highland/infra';
import { connectNats } from '@highland/messaging';
import { afterAll, describe, expect, it } from 'vitest';

const home = mkdtempSync(join(tmpdir(), 'highland-up-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

function ourServers(): string[] {
  try {
    return execFileSync('pgrep', ['-f', home], { encoding: 'utf8' }).trim().split('\n').filter(Boolean);
  } catch {
    return []; // pgrep exits 1 when nothing matches
  }
}

/** Command lines of the service processes (their `--highland-home=` argument names the home). */
function serviceCommandLines(): string[] {
  try {
    return execFileSync('pgrep', ['-af', '--', `--highland-home=${home}`], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .filter(Boolean);
  } catch {
    return [];
  }
}

async function startUp(): Promise<{ child: ChildProcess; output: () => string; ready: Promise<void> }> {
  const env: NodeJS.ProcessEnv = { ...process.env, HIGHLAND_HOME: home, HIGHLAND_CACHE: highlandCache() };
  delete env.NATS_URL;
  delete env.MONGO_URL;
  env.HIGHLAND_NATS_PORT = String(await freePort());
  env.HIGHLAND_MONGO_PORT = String(await freePort());
  // Services get ports of their own too, so this run never collides with a developer's `up`.
  for (const name of ['REGISTRY', 'REPORTING', 'TBT', 'ZONES', 'INCENTIVES']) {
    env[`HIGHLAND_${name}_PORT`] = String(await freePort());
  }
  const child = spawn(process.execPath, [join(repoRoot(), 'apps/cli/dist/main.js'), 'up'], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const ready = new Promise<void>((resolveP, reject) => {
    const timer = setInterval(() => {
      if (out.includes('Highland is ready')) {
        clearInterval(timer);
        resolveP();
      }
    }, 100);
    child.once('exit', (code) => {
      clearInterval(timer);
      reject(new Error(`up exited with ${code} before ready:\n${out}`));
    });
  });
  return { child, output: () => out, ready };
}

const exited = (child: ChildProcess) =>
  new Promise<number | null>((r) =>
    child.exitCode !== null ? r(child.exitCode) : child.once('exit', (c) => r(c)),
  );

describe('./highland up', () => {
  it('reaches ready with every URL, then stops everything on Ctrl-C', async () => {
    const up = await startUp();
    await up.ready;
    expect(up.output()).toMatch(/NATS\s+nats:\/\/127\.0\.0\.1:\d+/);
    expect(up.output()).toMatch(/store\s+mongodb:\/\/127\.0\.0\.1:\d+/);
    expect(ourServers().length).toBeGreaterThan(0);
    // The services reached ready as their own NATS users; a client without credentials is refused.
    const natsUrl = /NATS\s+(nats:\/\/\S+)/.exec(up.output())![1]!;
    await expect(connectNats({ url: natsUrl, name: 'anonymous', timeoutMs: 2_000 })).rejects.toThrow(
      /authorization/i,
    );
    const services = serviceCommandLines();
    up.child.kill('SIGINT');
    expect(await exited(up.child)).toBe(0);
    expect(up.output()).toContain('stopped cleanly');
    expect(ourServers()).toEqual([]);
    // Every service process ran with its V8 flags.
    expect(services.length).toBeGreaterThanOrEqual(3);
    for (const line of services) {
      const name = /services\/([a-z-]+)\//.exec(line)?.[1];
      for (const flag of serviceNodeFlags(name)) expect(line).toContain(flag);
    }
    expect(services.find((l) => l.includes('services/registry/'))).toContain('--max-semi-space-size=64');
  });

  it('restarts a service killed with SIGKILL while the others keep serving', async () => {
    const up = await startUp();
    await up.ready;
    try {
      const url = (name: string) =>
        new RegExp(`${name}\\s+(http://127\\.0\\.0\\.1:\\d+)`).exec(up.output())?.[1];
      const registry = url('registry');
      const reporting = url('reporting');
      expect(registry && reporting, up.output()).toBeTruthy();
      const line = serviceCommandLines().find((l) => l.includes('services/registry/'));
      const pid = Number(line?.split(' ')[0]);
      expect(pid).toBeGreaterThan(0);
      process.kill(pid, 'SIGKILL');
      const answers = async (base: string) => {
        try {
          return (await fetch(`${base}/health/ready`)).ok;
        } catch {
          return false;
        }
      };
      let reportingAnswered = true;
      const deadline = Date.now() + 30_000;
      let back = false;
      await new Promise((r) => setTimeout(r, 300));
      while (!back && Date.now() < deadline) {
        reportingAnswered &&= await answers(reporting!);
        back = await answers(registry!);
        if (!back) await new Promise((r) => setTimeout(r, 200));
      }
      expect(back, up.output()).toBe(true);
      expect(reportingAnswered).toBe(true);
      expect(up.output()).toMatch(/service registry exited .*restarting in \d+ ms/);
      expect(up.child.exitCode).toBeNull();
    } finally {
      up.child.kill('SIGINT');
      await exited(up.child);
    }
  });

  it('leaves no server behind when it is killed outright (SIGKILL)', async () => {
    const up = await startUp();
    await up.ready;
    up.child.kill('SIGKILL');
    await exited(up.child);
    const deadline = Date.now() + 15_000;
    while (ourServers().length > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    expect(ourServers()).toEqual([]);
  });
});
