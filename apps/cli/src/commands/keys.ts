import { Command, Option } from 'commander';
import { out, withUsageExitCodes } from '../ops/command.js';
import { describeTarget, withNats } from '../ops/connect.js';
import { findByPrefix, HASH_PREFIX, keysTable, LABEL, parseScopes } from '../ops/keys.js';
import { CliError } from '../output.js';

const EXAMPLES = `
Scopes: "registry:standards" (one resource), "registry:*" (all of a service), "*" (everything).
Any scope of a service also grants reading it.

Examples:
  $ ./highland keys create --department agriculture --scopes registry:standards,registry:filings --label "Li Wei"
  $ ./highland keys list
  $ ./highland keys revoke 3f2a9c01

Keys live in the NATS KV bucket "highland_api_keys" (only their SHA-256 hashes); every running
service sees a change at once. NATS: NATS_URL, else \`./highland infra up\`, else 127.0.0.1:14222.`;

/** `./highland keys`: department API keys (create, list, revoke). */
export function keysCommand(): Command {
  const keys = new Command('keys')
    .description('department API keys: create, list, revoke')
    .addHelpText('after', EXAMPLES);

  keys
    .command('create')
    .description('create an API key for a department and print it (the only time it is shown)')
    .requiredOption(
      '--department <slug>',
      'department slug: lower-case letters, digits, dashes (e.g. agriculture)',
    )
    .requiredOption('--scopes <list>', 'comma-separated scopes, e.g. registry:standards,registry:filings')
    .addOption(
      new Option('--label <text>', 'who holds the key; the default user name on their events').default(
        undefined,
        'the department slug',
      ),
    )
    .action(async (opts: { department: string; scopes: string; label?: string }) => {
      const input = {
        department: opts.department.trim(),
        scopes: parseScopes(opts.scopes),
        label: (opts.label ?? opts.department).trim(),
      };
      const { ApiKeyRecord, ApiKeyStore } = await import('@highland/service-kit');
      const checked = ApiKeyRecord.omit({ createdAt: true }).safeParse(input);
      if (!checked.success) {
        const problems = checked.error.issues.map((i) => {
          const field = String(i.path[0] ?? 'input');
          if (field === 'department')
            return `--department "${input.department}": 2-63 lower-case letters, digits and dashes, starting with a letter`;
          if (field === 'scopes') {
            const bad = typeof i.path[1] === 'number' ? input.scopes[i.path[1]] : undefined;
            return bad === undefined
              ? '--scopes: give at least one scope'
              : `--scopes: "${bad}" is not a scope (like registry:standards, registry:* or *)`;
          }
          return `--${field}: ${i.message}`;
        });
        throw new CliError([...new Set(problems)].join('\n'), 2);
      }
      if (!LABEL.test(input.label)) {
        throw new CliError(
          `--label "${input.label}": letters, digits, spaces and ._@- only, at most 200 characters ` +
            '(it is the default user name on the events of this key)',
          2,
        );
      }
      await withNats(async ({ nats, topology }) => {
        const store = await ApiKeyStore.open(nats, topology);
        try {
          const { key, hash, record } = await store.create(checked.data);
          out(
            [
              `created an API key for department "${record.department}"`,
              `  scopes  ${record.scopes.join(', ')}`,
              `  label   ${record.label}`,
              `  hash    ${hash}`,
              `  key     ${key}`,
              '',
              'This is the only time the key is shown: only its SHA-256 hash is stored.',
              'The department sends it as "Authorization: Bearer <key>".',
            ].join('\n'),
          );
        } finally {
          store.close();
        }
      }, 'keys');
    });

  keys
    .command('list')
    .description('list API keys: hash prefix, department, scopes, label, created (never the keys)')
    .action(async () => {
      const { ApiKeyStore } = await import('@highland/service-kit');
      await withNats(async ({ nats, topology, target }) => {
        const store = await ApiKeyStore.open(nats, topology);
        try {
          const all = store.list();
          if (all.length === 0) {
            out(`no API keys at ${describeTarget(target)}`);
            return;
          }
          out(keysTable(all));
          out(`${all.length} key(s)`);
        } finally {
          store.close();
        }
      }, 'keys');
    });

  keys
    .command('revoke')
    .description('revoke an API key by its hash or a prefix of it (at least 4 characters, not ambiguous)')
    .argument('<hash-or-prefix>', 'the hash shown by `keys list` or `keys create`, or its start')
    .action(async (prefix: string) => {
      const { ApiKeyStore } = await import('@highland/service-kit');
      await withNats(async ({ nats, topology }) => {
        const store = await ApiKeyStore.open(nats, topology);
        try {
          const key = findByPrefix(store.list(), prefix);
          await store.revoke(key.hash);
          out(
            `revoked key ${key.hash.slice(0, HASH_PREFIX)} of department "${key.department}" (${key.label}); ` +
              'services refuse it from now on',
          );
          if (key.department === 'office' && key.scopes.includes('*')) {
            out(
              'note: services also accept the office key they were started with (HIGHLAND_BOOTSTRAP_OFFICE_KEY); ' +
                'remove .highland/office.key and restart `./highland up` to replace it',
            );
          }
        } finally {
          store.close();
        }
      }, 'keys');
    });

  return withUsageExitCodes(keys);
}
