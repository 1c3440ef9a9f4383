import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { highlandCache, repoRoot } from './paths.js';

export class InfraError extends Error {
  override name = 'InfraError';
}

/** Locates a Go toolchain: GO env, PATH, then the usual install folder. */
export function findGo(): string | undefined {
  const candidates = [
    process.env.GO,
    ...(process.env.PATH ?? '').split(':').map((d) => join(d, 'go')),
    '/usr/local/go/bin/go',
  ];
  return candidates.find((c): c is string => !!c && existsSync(c));
}

function embeddedSourceHash(srcDir: string): string {
  const hash = createHash('sha256');
  for (const file of readdirSync(srcDir).sort()) {
    if (file.endsWith('.go') || file === 'go.mod' || file === 'go.sum') {
      hash.update(file).update(readFileSync(join(srcDir, file)));
    }
  }
  return hash.digest('hex').slice(0, 16);
}

export type Progress = (message: string) => void;
const stderrProgress: Progress = (m) => process.stderr.write(`highland: ${m}\n`);

/**
 * Builds deploy/embedded (nats-server + FerretDB in one Go program) once into the cache;
 * the binary's name carries a hash of its sources, so a change in go.mod or main.go rebuilds it.
 */
export function ensureEmbeddedBinary(progress: Progress = stderrProgress): Promise<string> {
  // One build per process even when several callers ask at once.
  building ??= buildEmbeddedBinary(progress).finally(() => (building = undefined));
  return building;
}
let building: Promise<string> | undefined;

async function buildEmbeddedBinary(progress: Progress): Promise<string> {
  const srcDir = join(repoRoot(), 'deploy', 'embedded');
  const binDir = join(highlandCache(), 'bin');
  const bin = join(binDir, `highland-embedded-${embeddedSourceHash(srcDir)}`);
  if (existsSync(bin)) return bin;

  const go = findGo();
  if (!go) {
    throw new InfraError(
      'the embedded NATS and FerretDB servers are built from Go modules, but no Go toolchain was found. ' +
        'Install Go >= 1.26 (https://go.dev/doc/install, or `apt-get install golang`), ' +
        'or point Highland at your own servers with NATS_URL and MONGO_URL.',
    );
  }
  mkdirSync(binDir, { recursive: true });
  const tmp = `${bin}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`;
  const started = Date.now();
  progress(
    'building the embedded servers (nats-server + FerretDB from their Go modules; first run only, ~1-3 min) …',
  );
  const ticker = setInterval(
    () => progress(`  still building … ${Math.round((Date.now() - started) / 1000)} s`),
    15_000,
  );
  try {
    const { code, output } = await run(
      go,
      ['build', '-trimpath', '-buildvcs=false', '-o', tmp, '.'],
      srcDir,
      {
        CGO_ENABLED: '0',
      },
    );
    if (code !== 0) {
      throw new InfraError(
        `building the embedded servers failed (go build exited ${code}):\n${output.slice(-4000)}\n` +
          'Fix the Go toolchain (Go >= 1.26 with access to the Go module proxy), or set NATS_URL and MONGO_URL.',
      );
    }
    renameSync(tmp, bin);
  } finally {
    clearInterval(ticker);
  }
  progress(`built ${bin} in ${Math.round((Date.now() - started) / 1000)} s`);
  return bin;
}

function run(
  cmd: string,
  args: string[],
  cwd: string,
  env: Record<string, string>,
): Promise<{ code: number; output: string }> {
  return new Promise((resolveP, reject) => {
    const child = spawn(cmd, args, {
      cwd,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolveP({ code: code ?? 1, output }));
  });
}
