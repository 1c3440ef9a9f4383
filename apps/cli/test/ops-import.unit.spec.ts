import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  chunkRows,
  describeProblem,
  formatRejections,
  jsonItemLines,
  jsonlChunks,
  mapChunkResults,
  readRegistryFile,
  registryFormat,
  resolveApiKey,
  resolveRegistryUrl,
  toApiBody,
} from '../src/ops/import.js';
import { CliError } from '../src/output.js';

const dir = mkdtempSync(join(tmpdir(), 'highland-cli-import-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

const exitCodeOf = async (fn: () => unknown) => {
  try {
    await fn();
  } catch (e) {
    if (e instanceof CliError) return e.exitCode;
    throw e;
  }
  return 0;
};

describe('where to send and with which key', () => {
  it('takes --url, else HIGHLAND_REGISTRY_URL, else HIGHLAND_REGISTRY_PORT or 18101 on 127.0.0.1', () => {
    expect(resolveRegistryUrl('http://reg:1/', {})).toBe('http://reg:1');
    expect(resolveRegistryUrl(undefined, { HIGHLAND_REGISTRY_URL: 'https://r.example/api/' })).toBe(
      'https://r.example/api',
    );
    expect(resolveRegistryUrl(undefined, { HIGHLAND_REGISTRY_PORT: '28101' })).toBe('http://127.0.0.1:28101');
    expect(resolveRegistryUrl(undefined, {})).toBe('http://127.0.0.1:18101');
  });

  it('refuses a URL that is not http(s) as a usage error', async () => {
    expect(await exitCodeOf(() => resolveRegistryUrl('not a url', {}))).toBe(2);
    expect(await exitCodeOf(() => resolveRegistryUrl('ftp://x', {}))).toBe(2);
    expect(await exitCodeOf(() => resolveRegistryUrl(undefined, { HIGHLAND_REGISTRY_PORT: 'x' }))).toBe(2);
  });

  it('takes --key, else HIGHLAND_API_KEY, else the office key file', () => {
    const office = file('office.key', 'hl_office_abc\n');
    expect(resolveApiKey(' hl_a ', { HIGHLAND_API_KEY: 'hl_b' }, office)).toEqual({
      key: 'hl_a',
      source: '--key',
    });
    expect(resolveApiKey(undefined, { HIGHLAND_API_KEY: 'hl_b' }, office).key).toBe('hl_b');
    expect(resolveApiKey(undefined, {}, office)).toEqual({ key: 'hl_office_abc', source: office });
  });

  it('says how to get a key when there is none (usage error)', async () => {
    expect(await exitCodeOf(() => resolveApiKey(undefined, {}, join(dir, 'missing.key')))).toBe(2);
  });
});

describe('reading files', () => {
  it('accepts .csv and .json only', async () => {
    expect(registryFormat('a/B.CSV')).toBe('csv');
    expect(registryFormat('x.json')).toBe('json');
    expect(await exitCodeOf(() => registryFormat('x.xlsx'))).toBe(2);
    expect(await exitCodeOf(() => registryFormat('README'))).toBe(2);
  });

  it('keeps the real CSV line of every row (blank lines and quoted newlines included)', async () => {
    const csv = file(
      'rows.csv',
      [
        'type,code,enterprise',
        'standard,GB/T 1-2014,',
        '',
        'filing,,"Sanjiang',
        'Foods"',
        'standard,GB/T 2-2014,',
      ].join('\n'),
    );
    const { format, rows } = await readRegistryFile(csv);
    expect(format).toBe('csv');
    expect(rows.map((r) => [r.line, r.kind])).toEqual([
      [2, 'standard'],
      [5, 'filing'],
      [6, 'standard'],
    ]);
    expect(rows[1]!.input).toEqual({ enterprise: 'Sanjiang\nFoods' });
  });

  it('gives JSON items the line they start on', async () => {
    const json = file('rows.json', '[\n  {"type": "filing", "x": 1},\n\n  {\n    "code": "a"\n  }\n]\n');
    const { rows } = await readRegistryFile(json);
    expect(rows.map((r) => [r.line, r.kind])).toEqual([
      [2, 'filing'],
      [4, 'standard'],
    ]);
  });

  it('reports a missing file as a usage error and a broken one as a failure', async () => {
    expect(await exitCodeOf(() => readRegistryFile(join(dir, 'none.csv')))).toBe(2);
    expect(await exitCodeOf(() => readRegistryFile(dir))).toBe(2);
    expect(await exitCodeOf(() => readRegistryFile(file('broken.json', '[1,')))).toBe(1);
    expect(await exitCodeOf(() => readRegistryFile(file('object.json', '{"a": 1}')))).toBe(1);
  });
});

describe('jsonItemLines', () => {
  it('finds where each item of a top-level array starts', () => {
    expect(jsonItemLines('[{"a":1},{"b":2}]')).toEqual([1, 1]);
    expect(jsonItemLines('[\n {"a": [1,\n 2]},\n "s",\n 3,\n null\n]')).toEqual([2, 4, 5, 6]);
    expect(jsonItemLines('[]')).toEqual([]);
  });

  it('finds the items under a top-level "items" key, and nowhere else', () => {
    const text = '{\n "meta": [1, 2],\n "items": [\n  {"x": {"items": [9]}},\n  {"y": 1}\n ]\n}';
    expect(jsonItemLines(text)).toEqual([4, 5]);
  });

  it('is not fooled by brackets, commas, quotes and newlines inside strings', () => {
    expect(jsonItemLines('[\n{"a": "],[{\\",\\n"},\n{"b": "x\\\\"}\n]')).toEqual([2, 3]);
  });

  it('answers undefined when there is no item array', () => {
    expect(jsonItemLines('{"a": 1}')).toBeUndefined();
    expect(jsonItemLines('42')).toBeUndefined();
  });
});

describe('chunks', () => {
  const rows = Array.from({ length: 7 }, (_, i) => ({ kind: 'standard', input: { code: `C${i}` } }));

  it('makes API bodies with "type" from the row kind', () => {
    expect(toApiBody({ kind: 'filing', input: { enterprise: 'E' } })).toEqual({
      type: 'filing',
      enterprise: 'E',
    });
  });

  it('cuts rows into JSON arrays of at most n rows, remembering each offset', () => {
    const chunks = chunkRows(rows, 3);
    expect(chunks.map((c) => [c.offset, c.count])).toEqual([
      [0, 3],
      [3, 3],
      [6, 1],
    ]);
    expect(JSON.parse(chunks[1]!.body)).toEqual([
      { type: 'standard', code: 'C3' },
      { type: 'standard', code: 'C4' },
      { type: 'standard', code: 'C5' },
    ]);
    expect(chunkRows([], 3)).toEqual([]);
  });

  it('keeps each body under the byte limit, sending a lone oversized row alone', () => {
    const big = [
      { kind: 'standard', input: { t: 'a'.repeat(40) } },
      { kind: 'standard', input: { t: 'b'.repeat(40) } },
      { kind: 'standard', input: { t: 'c'.repeat(200) } },
      { kind: 'standard', input: { t: 'd' } },
    ];
    const chunks = chunkRows(big, 100, 140);
    expect(chunks.map((c) => c.count)).toEqual([2, 1, 1]);
    for (const c of chunks) expect(JSON.parse(c.body)).toHaveLength(c.count);
    expect(Buffer.byteLength(chunks[0]!.body)).toBeLessThanOrEqual(140);
  });

  it("cuts JSONL by non-empty lines and keeps each chunk's first line", () => {
    const chunks = jsonlChunks('\uFEFFa\n\nb\r\nc\n\nd\n', 2);
    expect(chunks.map((c) => [c.firstLine, c.records])).toEqual([
      [1, 2],
      [4, 2],
    ]);
    expect(chunks[1]!.text.split('\n')).toEqual(['c', '', 'd']);
    expect(jsonlChunks('\n\n', 5)).toEqual([]);
  });
});

describe('mapping results back to the file', () => {
  // A file whose rows are on lines 2, 5, 6, 9, 12 (blank lines, quoted newlines).
  const rows = [2, 5, 6, 9, 12].map((line) => ({ line }));

  it("turns the server line (lineOffset + position + 1) into the row's real line", () => {
    const outcome = mapChunkResults(
      [
        { line: 4, kind: 'standard', status: 'recorded' },
        {
          line: 5,
          kind: 'filing',
          status: 'rejected',
          errors: [
            { field: 'code', reason: 'bad' },
            { field: 'ics.0', reason: 'unknown' },
          ],
        },
      ],
      rows,
      { offset: 3, count: 2 },
    );
    expect(outcome).toEqual({
      recorded: 1,
      unchanged: 0,
      rejectedRows: 1,
      rejections: [
        { line: 12, kind: 'filing', field: 'code', reason: 'bad' },
        { line: 12, kind: 'filing', field: 'ics.0', reason: 'unknown' },
      ],
    });
  });

  it('falls back to the position when a server line is out of the chunk', () => {
    const outcome = mapChunkResults(
      [
        { line: 1, kind: 'standard', status: 'unchanged' },
        { line: 99, kind: 'standard', status: 'rejected' },
      ],
      rows,
      { offset: 1, count: 2 },
    );
    expect(outcome.unchanged).toBe(1);
    expect(outcome.rejections).toEqual([{ line: 6, kind: 'standard', field: '(row)', reason: 'rejected' }]);
  });

  it('prints rejections as "line N: field: reason", in file order', () => {
    expect(
      formatRejections([
        { line: 9, kind: 'standard', field: 'code', reason: 'b' },
        { line: 2, kind: 'standard', field: 'title.zh', reason: 'a' },
      ]),
    ).toBe('line 2: title.zh: a\nline 9: code: b');
  });

  it('turns a problem+json answer into one clear message', () => {
    expect(
      describeProblem(
        400,
        'Bad Request',
        {
          title: 'Invalid request',
          detail: 'too many rows: 6000',
          errors: [{ field: 'body', reason: 'at most 5000 rows per request' }],
        },
        '',
      ),
    ).toBe(
      'the registry answered 400 Invalid request: too many rows: 6000\n  body: at most 5000 rows per request',
    );
    expect(describeProblem(502, 'Bad Gateway', undefined, '<html>proxy</html>')).toBe(
      'the registry answered 502 Bad Gateway: <html>proxy</html>',
    );
  });
});
