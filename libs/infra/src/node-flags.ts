import { spawnSync } from 'node:child_process';

/**
 * V8 flags every service process runs with (the launcher, the image and the benchmarks, which
 * host a service in their own process). A service keeps its whole view in memory, so its old
 * generation is large and marking it is dear. Measured in the registry benchmark over 100,000
 * standards (2026-11-26):
 * - 64 MB semi-spaces instead of V8's 16 MB: objects of requests still in flight were promoted;
 *   GC threads 480 µs per command with the default, 150 – 190 µs.
 * - No allocation-site pretenuring: V8 had judged the request path's allocation sites (NestJS's
 *   rxjs pipeline, nats.js headers) long-lived — while 5,000-record imports ran for seconds — and
 *   kept allocating their objects in the old generation afterwards. Objects that outlived a
 *   minor GC during the commands: 774 MB with it, 112 MB without; in alternating runs GC
 *   threads 177 – 184 → 88 – 92 µs per command, command p99 112 – 114 → 91 – 92 ms.
 */
export const SERVICE_NODE_FLAGS: readonly string[] = [
  '--max-semi-space-size=64',
  '--no-allocation-site-pretenuring',
];

const flagName = (flag: string) => flag.split('=')[0]!;

/**
 * Runs this same script again with the service flags when they are missing (for a tool that hosts
 * a service in-process), and ends with its exit code; returns when they are already set. A flag
 * given with another value (e.g. --max-semi-space-size=32, to compare) is left as given.
 */
export function ensureServiceNodeFlags(): void {
  const given = new Set(process.execArgv.map(flagName));
  const missing = SERVICE_NODE_FLAGS.filter((f) => !given.has(flagName(f)));
  if (missing.length === 0) return;
  const child = spawnSync(process.execPath, [...process.execArgv, ...missing, ...process.argv.slice(1)], {
    stdio: 'inherit',
  });
  process.exit(child.status ?? 1);
}
