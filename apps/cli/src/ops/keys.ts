import { CliError } from '../output.js';
import { formatTable, shortTime, truncate } from './table.js';

export interface KeyRow {
  hash: string;
  department: string;
  scopes: string[];
  label: string;
  createdAt: string;
}

/** Hash prefixes shown by `keys list` and accepted by `keys revoke`. */
export const HASH_PREFIX = 12;
export const MIN_PREFIX = 4;

/** "registry:standards, registry:filings" → ["registry:standards", "registry:filings"] (deduplicated). */
export function parseScopes(raw: string): string[] {
  return [
    ...new Set(
      raw
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
}

/**
 * The label is the default user stamped on events when a request has no X-Highland-User header,
 * so it must be a valid user name (the same rule as the services' ApiKeyGuard).
 */
export const LABEL = /^[\p{L}\p{N}._@ -]{1,200}$/u;

/** The one key whose hash starts with `prefix`; refuses an unknown, too short or ambiguous prefix. */
export function findByPrefix<T extends { hash: string }>(keys: readonly T[], rawPrefix: string): T {
  const prefix = rawPrefix.trim().toLowerCase();
  if (!/^[0-9a-f]+$/.test(prefix)) {
    throw new CliError(
      `"${rawPrefix}" is not a key hash: use the hash (or its start) shown by \`keys list\``,
      2,
    );
  }
  if (prefix.length < MIN_PREFIX) {
    throw new CliError(`give at least ${MIN_PREFIX} characters of the hash, got "${rawPrefix}"`, 2);
  }
  const matches = keys.filter((k) => k.hash.startsWith(prefix));
  if (matches.length === 0)
    throw new CliError(`no key has a hash starting with "${prefix}" (see \`keys list\`)`);
  if (matches.length > 1) {
    throw new CliError(
      `"${prefix}" is ambiguous: it starts ${matches.length} hashes (${matches
        .map((m) => m.hash.slice(0, HASH_PREFIX))
        .join(', ')}); give more characters`,
      2,
    );
  }
  return matches[0]!;
}

export function keysTable(keys: readonly KeyRow[]): string {
  const sorted = [...keys].sort(
    (a, b) => a.createdAt.localeCompare(b.createdAt) || a.hash.localeCompare(b.hash),
  );
  return formatTable(
    ['HASH', 'DEPARTMENT', 'SCOPES', 'LABEL', 'CREATED'],
    sorted.map((k) => [
      k.hash.slice(0, HASH_PREFIX),
      k.department,
      k.scopes.join(','),
      truncate(k.label, 40),
      shortTime(k.createdAt),
    ]),
  );
}
