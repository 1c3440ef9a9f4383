import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: HIGHLAND_ROOT when the launcher set it, else the folder holding `./highland`. */
export function repoRoot(): string {
  if (process.env.HIGHLAND_ROOT) return resolve(process.env.HIGHLAND_ROOT);
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(join(dir, 'highland')) && existsSync(pkg)) {
      const name = (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name;
      if (name === 'highland') return dir;
    }
    const parent = dirname(dir);
    if (parent === dir)
      throw new Error('cannot find the Highland repository root (no ./highland above this file)');
    dir = parent;
  }
}

/** Where Highland keeps data, logs and built servers (gitignored). */
export function highlandHome(): string {
  return resolve(process.env.HIGHLAND_HOME ?? join(repoRoot(), '.highland'));
}

/** Built servers; shareable between homes (tests point a temporary home at the usual cache). */
export function highlandCache(): string {
  return resolve(process.env.HIGHLAND_CACHE ?? join(highlandHome(), 'cache'));
}
