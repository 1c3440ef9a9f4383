import { spawnSync } from 'node:child_process';

/**
 * V8 flags of the service processes (the launcher, the image and the benchmarks, which host a
 * service in their own process). Services keep their views in memory, so their old generation is
 * large and marking it is dear. Measured over 100,000 standards and 1,000,000 events (2026-11-26):
 * - No allocation-site pretenuring, for every service: V8 had judged the request path's allocation
 *   sites (NestJS's rxjs pipeline, nats.js headers) long-lived — while 5,000-record imports ran for
 *   seconds — and kept allocating their objects in the old generation afterwards. Objects that
 *   outlived a minor GC during the registry's commands: 774 MB with it, 112 MB without; in
 *   alternating runs GC threads 177 – 184 → 88 – 92 µs per command, p99 112 – 114 → 91 – 92 ms.
 * - 64 MB semi-spaces (V8's default is 16 MB) for the registry only: objects of its requests still
 *   in flight were promoted; GC threads 480 → 150 – 190 µs per command. Reporting's replay keeps
 *   most of what it reads, and larger semi-spaces only copied it more: replay vs raw read 0.44 – 0.58
 *   in six runs with them (four below 0.5), 0.55 – 0.58 in four without.
 */
const EVERY_SERVICE: readonly string[] = ['--no-allocation-site-pretenuring'];
const BY_SERVICE: Readonly<Record<string, readonly string[]>> = {
  registry: ['--max-semi-space-size=64'],
};

/** The V8 flags a service runs with; without a service, those every service has. */
export function serviceNodeFlags(service?: string): readonly string[] {
  return [...EVERY_SERVICE, ...((service && BY_SERVICE[service]) || [])];
}

const flagName = (flag: string) => flag.split('=')[0]!;

/**
 * Runs this same script again with a service's flags when they are missing (for a tool that hosts
 * the service in-process), and ends with its exit code; returns when they are already set. A flag
 * given with another value (e.g. --max-semi-space-size=32, to compare) is left as given.
 */
export function ensureServiceNodeFlags(service?: string): void {
  const given = new Set(process.execArgv.map(flagName));
  const missing = serviceNodeFlags(service).filter((f) => !given.has(flagName(f)));
  if (missing.length === 0) return;
  const child = spawnSync(process.execPath, [...process.execArgv, ...missing, ...process.argv.slice(1)], {
    stdio: 'inherit',
  });
  process.exit(child.status ?? 1);
}
