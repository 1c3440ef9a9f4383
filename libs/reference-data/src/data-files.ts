import { readFileSync } from 'node:fs';

/**
 * Where a shipped data file lives. Resolved against this module so it works from `src/` (vitest,
 * "source" condition) and from `dist/` (built package): both sit one level below the package root.
 */
export function dataFileUrl(relativePath: string): URL {
  return new URL(`../data/${relativePath}`, import.meta.url);
}

/** A shipped data file as text, without a leading BOM (the CCS and HS files start with one). */
export function readDataFile(relativePath: string): string {
  const text = readFileSync(dataFileUrl(relativePath), 'utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Runs `load` on first use and keeps its result: code lists are read once per process. */
export function lazy<T>(load: () => T): () => T {
  let cached: { value: T } | undefined;
  return () => {
    cached ??= { value: load() };
    return cached.value;
  };
}
