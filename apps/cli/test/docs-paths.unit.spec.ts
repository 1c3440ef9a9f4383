import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '@highland/infra';
import { describe, expect, it } from 'vitest';

// The README and docs/ name files as `code` or as link targets; a file moved or renamed without
// its docs leaves a newcomer looking for what is not there (docs/architecture.md once cited a
// `progress/leader.ts` that did not exist). A path from the repository root must exist; a shorter
// one (`view/reporting-state.ts`, `pub-acks.ts`, beside the full path of its package) must be the
// end of a file's path.
const root = repoRoot();
const ROOTS = ['apps/', 'libs/', 'services/', 'deploy/', 'docs/', '.ci/'];
const FILE = /\.(ts|js|mjs|cjs|json|jsonl|md|ya?ml|csv|xml|go)$/;
const SKIP_DIRS = new Set([
  'node_modules',
  'dist',
  '.git',
  '.highland',
  '.turbo',
  'coverage',
  'test-artifacts',
]);

function files(dir: string, prefix = ''): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) => {
    if (e.isDirectory()) return SKIP_DIRS.has(e.name) ? [] : files(join(dir, e.name), `${prefix}${e.name}/`);
    return [`${prefix}${e.name}`];
  });
}
const repoFiles = files('.');
// docs/new-service.md names the files the author of a new service creates.
const FOR_FILES_TO_COME = new Set(['docs/new-service.md']);
const docs = [
  'README.md',
  ...repoFiles.filter((f) => f.startsWith('docs/') && f.endsWith('.md') && !FOR_FILES_TO_COME.has(f)),
];

function citedPaths(markdown: string): string[] {
  const code = [...markdown.matchAll(/`([^`\n]+)`/g)].map((m) => m[1]!);
  const links = [...markdown.matchAll(/\]\(([^)#\s]+)/g)].map((m) => m[1]!);
  return (
    [...code, ...links]
      .map((t) => t.trim().replace(/^\.\//, ''))
      .filter((t) => ROOTS.some((r) => t.startsWith(r)) || (FILE.test(t) && !t.startsWith('/')))
      // Patterns and placeholders (`services/*`, `src/events/<service>/…`) name no one file.
      .filter((t) => !/[<>*{}\s…:]/.test(t) && !t.includes('://'))
  );
}

function exists(path: string): boolean {
  if (existsSync(join(root, path))) return true;
  return (
    !ROOTS.some((r) => path.startsWith(r)) && repoFiles.some((f) => f === path || f.endsWith(`/${path}`))
  );
}

describe('the docs cite files that exist', () => {
  it.each(docs.map((d) => [d] as const))('%s', (doc) => {
    const missing = citedPaths(readFileSync(join(root, doc), 'utf8')).filter((p) => !exists(p));
    expect(missing).toEqual([]);
  });
});
