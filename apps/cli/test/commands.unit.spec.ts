// The commands as a user meets them, without NATS: usage errors exit 2, and `import` runs against a
// small stand-in for the registry's POST /import and /catalogue/iso on 127.0.0.1.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@highland/infra';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { dlqCommand } from '../src/commands/dlq.js';
import { importCommand } from '../src/commands/import.js';
import { keysCommand } from '../src/commands/keys.js';
import { replayCommand } from '../src/commands/replay.js';
import { runCommand, withEnv } from './run-command.js';

const dir = mkdtempSync(join(tmpdir(), 'highland-cli-cmd-'));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

interface Seen {
  path: string;
  offset: number;
  contentType: string;
  items: Array<Record<string, unknown>>;
  text: string;
}
let seen: Seen[] = [];
let server: Server;
let base: string;
const KEY = 'hl_test_key';

function problem(res: ServerResponse, status: number, title: string, detail: string) {
  res.writeHead(status, { 'content-type': 'application/problem+json' });
  res.end(JSON.stringify({ type: 'x', title, status, detail }));
}

beforeAll(async () => {
  server = createServer((req, res) => {
    let text = '';
    req.on('data', (c: Buffer) => (text += c.toString('utf8')));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x');
      if (req.headers.authorization !== `Bearer ${KEY}`) {
        return problem(
          res,
          401,
          'Authentication required',
          'the API key is not known (revoked, or mistyped)',
        );
      }
      res.setHeader('content-type', 'application/json');
      if (url.pathname === '/import') {
        const offset = Number(url.searchParams.get('lineOffset') ?? 0);
        const items = JSON.parse(text) as Array<Record<string, unknown>>;
        seen.push({
          path: url.pathname,
          offset,
          contentType: req.headers['content-type'] ?? '',
          items,
          text,
        });
        const results = items.map((item, i) => {
          const base = { line: offset + i + 1, kind: typeof item.type === 'string' ? item.type : 'standard' };
          if (item.code === 'bad')
            return { ...base, status: 'rejected', errors: [{ field: 'code', reason: 'malformed' }] };
          if (String(item.code).startsWith('dup')) return { ...base, status: 'unchanged' };
          return { ...base, status: 'recorded' };
        });
        const count = (s: string) => results.filter((r) => r.status === s).length;
        return res.end(
          JSON.stringify({
            rows: items.length,
            recorded: count('recorded'),
            unchanged: count('unchanged'),
            rejected: count('rejected'),
            results,
          }),
        );
      }
      if (url.pathname === '/catalogue/iso') {
        seen.push({
          path: url.pathname,
          offset: 0,
          contentType: req.headers['content-type'] ?? '',
          items: [],
          text,
        });
        const errors: Array<{ line: number; reason: string }> = [];
        let recorded = 0;
        text.split('\n').forEach((l, i) => {
          if (!l.trim()) return;
          try {
            JSON.parse(l);
            recorded++;
          } catch {
            errors.push({ line: i + 1, reason: 'invalid JSON' });
          }
        });
        return res.end(
          JSON.stringify({
            rows: recorded + errors.length,
            recorded,
            unchanged: 0,
            rejected: errors.length,
            errors,
          }),
        );
      }
      problem(res, 404, 'Not found', req.url ?? '');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const addr = server.address();
  base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => {
  seen = [];
});

const importRegistry = (path: string, ...more: string[]) =>
  runCommand(importCommand, ['registry', path, '--url', base, '--key', KEY, ...more]);

describe('import registry', () => {
  const csv = [
    'type,code,title_zh', // 1
    'standard,GB/T 1-2014,一', // 2
    '', // 3
    'standard,bad,"two', // 4
    'lines"', // 5
    'filing,dup-1,', // 6
    'standard,bad,三', // 7
    'standard,GB/T 4-2014,四', // 8
  ].join('\n');

  it('sends JSON chunks with their offsets and reports rejected rows by their real CSV line', async () => {
    const res = await importRegistry(file('mixed.csv', csv), '--chunk', '2');
    expect(seen.map((s) => [s.offset, s.items.length])).toEqual([
      [0, 2],
      [2, 2],
      [4, 1],
    ]);
    expect(seen[0]!.contentType).toBe('application/json');
    expect(seen[0]!.items[1]).toEqual({ type: 'standard', code: 'bad', title: { zh: 'two\nlines' } });
    expect(seen[1]!.items[0]).toEqual({ type: 'filing', code: 'dup-1' });
    expect(res.stdout).toMatch(/recorded\s+2\n\s+unchanged\s+1\n\s+rejected\s+2/);
    expect(res.stdout).toContain('rejected rows:\nline 5: code: malformed\nline 7: code: malformed\n');
    expect(res.stderr).toContain('highland: 2 of 5 row(s) rejected');
    expect(res.exitCode).toBe(1);
  });

  it('exits 0 when every row is recorded or unchanged, and JSON rows keep their lines', async () => {
    const json = file('ok.json', '[\n  {"code": "GB/T 9-2014"},\n  {"type": "filing", "code": "dup"}\n]\n');
    const res = await importRegistry(json);
    expect(res.exitCode).toBe(0);
    expect(seen).toHaveLength(1);
    expect(seen[0]!.items).toEqual([
      { type: 'standard', code: 'GB/T 9-2014' },
      { type: 'filing', code: 'dup' },
    ]);
    expect(res.stdout).toMatch(/2 rows in .* s \(\d+ rows\/s\)/);
    expect(res.stdout).not.toContain('rejected rows');
  });

  it('prints the problem+json detail when the registry refuses, and exits 1', async () => {
    const res = await runCommand(importCommand, [
      'registry',
      file('a.csv', csv),
      '--url',
      base,
      '--key',
      'wrong',
    ]);
    expect(res.exitCode).toBe(1);
    expect(res.stderr).toContain(
      'the registry answered 401 Authentication required: the API key is not known',
    );
  });

  it('takes the key from HIGHLAND_API_KEY and the URL from HIGHLAND_REGISTRY_URL', async () => {
    const res = await withEnv({ HIGHLAND_API_KEY: KEY, HIGHLAND_REGISTRY_URL: base }, () =>
      runCommand(importCommand, ['registry', file('env.json', '[{"code":"GB/T 5-2014"}]')]),
    );
    expect(res.exitCode).toBe(0);
    expect(seen).toHaveLength(1);
  });

  it('says clearly when the registry is not there', async () => {
    const port = await freePort();
    const res = await runCommand(importCommand, [
      'registry',
      file('b.csv', csv),
      '--url',
      `http://127.0.0.1:${port}`,
      '--key',
      KEY,
    ]);
    expect(res.exitCode).toBe(1);
    expect(res.stderr).toContain(`cannot reach the registry at http://127.0.0.1:${port}`);
  });

  it('treats a missing file, an unknown extension and a bad --chunk as usage errors (exit 2)', async () => {
    expect((await importRegistry(join(dir, 'missing.csv'))).exitCode).toBe(2);
    const xlsx = await importRegistry(file('sheet.xlsx', 'x'));
    expect(xlsx.exitCode).toBe(2);
    expect(xlsx.stderr).toContain('.csv');
    expect((await importRegistry(file('c.csv', csv), '--chunk', '0')).exitCode).toBe(2);
    expect((await importRegistry(file('d.csv', csv), '--chunk', '5001')).exitCode).toBe(2);
    expect((await runCommand(importCommand, ['registry'])).exitCode).toBe(2);
    expect(seen).toEqual([]);
  });
});

describe('import registry-catalogue', () => {
  it('posts JSON Lines in chunks and reports bad lines by their line in the file', async () => {
    const jsonl = file('cat.jsonl', ['{"id":1}', '{bad', '', '{"id":2}', 'nope', '{"id":3}'].join('\n'));
    const res = await runCommand(importCommand, [
      'registry-catalogue',
      jsonl,
      '--url',
      base,
      '--key',
      KEY,
      '--chunk',
      '2',
    ]);
    expect(seen.map((s) => s.contentType)).toEqual([
      'application/x-ndjson',
      'application/x-ndjson',
      'application/x-ndjson',
    ]);
    expect(res.stdout).toContain('line 2: invalid JSON\nline 5: invalid JSON');
    expect(res.stdout).toMatch(/recorded\s+3/);
    expect(res.exitCode).toBe(1);
  });

  it('wants a .jsonl file', async () => {
    const res = await runCommand(importCommand, [
      'registry-catalogue',
      file('cat.csv', 'x'),
      '--url',
      base,
      '--key',
      KEY,
    ]);
    expect(res.exitCode).toBe(2);
  });
});

describe('usage errors exit 2, help exits 0', () => {
  it.each([
    ['keys', []],
    ['keys', ['revoke']],
    ['keys', ['create', '--scopes', '*']],
    ['keys', ['list', 'extra']],
    ['dlq', ['show', 'abc']],
    ['dlq', ['show', '0']],
    ['dlq', ['redrive', 'reporting']],
    ['dlq', ['redrive', 'Reporting!', 'c']],
    ['dlq', ['list', '--limit', '-1']],
    ['replay', []],
    ['replay', ['bad.name']],
    ['replay', ['c', '--bogus']],
  ] as const)('%s %j', async (name, args) => {
    const make = { keys: keysCommand, dlq: dlqCommand, replay: replayCommand }[name];
    const res = await runCommand(make, [...args]);
    expect(res.exitCode).toBe(2);
  });

  it('refuses a bad department, scope or label before contacting anything', async () => {
    const res = await withEnv({ NATS_URL: 'nats://127.0.0.1:1' }, () =>
      runCommand(keysCommand, [
        'create',
        '--department',
        'Bad Dept',
        '--scopes',
        'registry:standards,oops',
        '--label',
        'x(y)',
      ]),
    );
    expect(res.exitCode).toBe(2);
    expect(res.stderr).toContain('--department "Bad Dept"');
    expect(res.stderr).toContain('"oops" is not a scope');
  });

  it('refuses a bad HIGHLAND_NAMESPACE', async () => {
    const res = await withEnv({ HIGHLAND_NAMESPACE: 'Not OK' }, () => runCommand(dlqCommand, ['list']));
    expect(res.exitCode).toBe(2);
    expect(res.stderr).toContain('HIGHLAND_NAMESPACE');
  });

  it('has help for every command', async () => {
    for (const [make, args, words] of [
      [keysCommand, ['create', '--help'], '--department <slug>'],
      [dlqCommand, ['redrive', '--help'], '<consumer>'],
      [dlqCommand, ['--help'], 'dlq redrive reporting reporting-standards --seq 42'],
      [replayCommand, ['--help'], 'which consumers it runs'],
      [importCommand, ['registry', '--help'], '--chunk <n>'],
    ] as const) {
      const res = await runCommand(make, [...args]);
      expect(res.exitCode).toBe(0);
      expect(res.stdout).toContain(words);
    }
  });
});
