import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { highlandHome } from '@highland/infra';
import type { ImportReport, ImportRow, RowResult } from '@highland/registry';
import { CliError } from '../output.js';
import { reason } from './connect.js';

/** The registry takes at most 5000 rows per POST /import. */
export const MAX_CHUNK_ROWS = 5_000;
export const DEFAULT_CHUNK_ROWS = 1_000;
/** The services' JSON body limit is 1 MB (BODY_LIMIT); chunks stay under it whatever the rows hold. */
export const MAX_CHUNK_BYTES = 900 * 1024;
/** How long one chunk may take on the server (1000 rows are written one command each). */
export const CHUNK_TIMEOUT_MS = 300_000;

type Env = Record<string, string | undefined>;

// ---------------------------------------------------------------------------------------------
// where and who

export function resolveRegistryUrl(option: string | undefined, env: Env = process.env): string {
  const raw =
    option ?? env.HIGHLAND_REGISTRY_URL ?? `http://127.0.0.1:${port(env.HIGHLAND_REGISTRY_PORT) ?? 18101}`;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new CliError(`"${raw}" is not a URL (expected like http://127.0.0.1:18101)`, 2);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new CliError(`"${raw}" is not an http(s) URL`, 2);
  }
  return url.toString().replace(/\/+$/, '');
}

function port(raw: string | undefined): number | undefined {
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < 1 || n > 65535) {
    throw new CliError(`HIGHLAND_REGISTRY_PORT must be a port number (1-65535), got "${raw}"`, 2);
  }
  return n;
}

/** --key, else HIGHLAND_API_KEY, else the office key that `./highland up` made (.highland/office.key). */
export function resolveApiKey(
  option: string | undefined,
  env: Env = process.env,
  officeKeyFile = join(highlandHome(), 'office.key'),
): { key: string; source: string } {
  if (option?.trim()) return { key: option.trim(), source: '--key' };
  if (env.HIGHLAND_API_KEY?.trim()) return { key: env.HIGHLAND_API_KEY.trim(), source: 'HIGHLAND_API_KEY' };
  if (existsSync(officeKeyFile)) {
    const key = readFileSync(officeKeyFile, 'utf8').trim();
    if (key) return { key, source: officeKeyFile };
  }
  throw new CliError(
    `no API key: pass --key, set HIGHLAND_API_KEY, or run \`./highland up\` once (it writes ${officeKeyFile})`,
    2,
  );
}

// ---------------------------------------------------------------------------------------------
// reading files

/** A missing file, or a folder, is a usage error. */
export function assertFile(file: string): void {
  if (!existsSync(file)) throw new CliError(`no such file: ${file}`, 2);
  if (!statSync(file).isFile()) throw new CliError(`not a file: ${file}`, 2);
}

export type RegistryFormat = 'csv' | 'json';

export function registryFormat(file: string): RegistryFormat {
  const ext = extname(file).toLowerCase();
  if (ext === '.csv') return 'csv';
  if (ext === '.json') return 'json';
  throw new CliError(
    `${file}: cannot import a "${ext || 'file without extension'}": give a .csv (header row, a "type" column) ` +
      'or a .json file (an array of API bodies with "type")',
    2,
  );
}

/**
 * Rows of a .csv or .json file, each with its line in the file. CSV is parsed by the registry's
 * own reader (the same columns as the server); JSON items get the line where each one starts.
 */
export async function readRegistryFile(file: string): Promise<{ format: RegistryFormat; rows: ImportRow[] }> {
  assertFile(file);
  const format = registryFormat(file);
  const text = readFileSync(file, 'utf8');
  const { rowsFromCsv, rowsFromJson } = await import('@highland/registry');
  try {
    if (format === 'csv') return { format, rows: rowsFromCsv(text) };
    const rows = rowsFromJson(text);
    const lines = jsonItemLines(text);
    if (lines?.length === rows.length) rows.forEach((r, i) => (r.line = lines[i]!));
    return { format, rows };
  } catch (err) {
    throw new CliError(`${file} cannot be read as ${format.toUpperCase()}: ${reason(err)}`);
  }
}

/**
 * The line on which each item of a JSON array starts: the top-level array, or the array under a
 * top-level "items" key (the two shapes POST /import accepts). Undefined when the text is neither.
 */
export function jsonItemLines(text: string): number[] | undefined {
  interface Frame {
    kind: 'array' | 'object';
    items: boolean;
    /** array: the next token starts a value; object: the next string is a key */
    expecting: boolean;
  }
  const stack: Frame[] = [];
  const lines: number[] = [];
  let line = 1;
  let rootKey: string | undefined;
  let sawItems = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\n') {
      line++;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r' || c === '\uFEFF') continue;
    const top = stack[stack.length - 1];
    const startsValue = top?.kind === 'array' && top.expecting;
    if (startsValue) {
      top.expecting = false;
      if (top.items && c !== ']') lines.push(line);
    }
    if (c === '"') {
      const start = i + 1;
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
      if (top?.kind === 'object' && top.expecting) {
        top.expecting = false;
        if (stack.length === 1) rootKey = text.slice(start, i);
      }
      continue;
    }
    if (c === '[') {
      const items =
        stack.length === 0 || (stack.length === 1 && top?.kind === 'object' && rootKey === 'items');
      if (items) sawItems = true;
      stack.push({ kind: 'array', items, expecting: true });
    } else if (c === '{') {
      stack.push({ kind: 'object', items: false, expecting: true });
    } else if (c === ']' || c === '}') {
      stack.pop();
    } else if (c === ',') {
      if (top) top.expecting = true;
    }
    // ':' and the characters of numbers and literals need nothing
  }
  return sawItems ? lines : undefined;
}

// ---------------------------------------------------------------------------------------------
// chunks and results

export interface Chunk {
  /** Index of the chunk's first row in the file's rows. */
  offset: number;
  count: number;
  /** The JSON array sent as the body. */
  body: string;
}

/** A JSON item of POST /import: the API body with its "type". */
export function toApiBody(row: Pick<ImportRow, 'kind' | 'input'>): Record<string, unknown> {
  return { type: row.kind, ...row.input };
}

/** Splits rows into JSON bodies of at most `maxRows` rows and `maxBytes` bytes (a lone bigger row goes alone). */
export function chunkRows(
  rows: ReadonlyArray<Pick<ImportRow, 'kind' | 'input'>>,
  maxRows: number,
  maxBytes = MAX_CHUNK_BYTES,
): Chunk[] {
  const chunks: Chunk[] = [];
  let items: string[] = [];
  let bytes = 2;
  let offset = 0;
  const flush = () => {
    if (!items.length) return;
    chunks.push({ offset, count: items.length, body: `[${items.join(',')}]` });
    offset += items.length;
    items = [];
    bytes = 2;
  };
  for (const row of rows) {
    const json = JSON.stringify(toApiBody(row));
    const size = Buffer.byteLength(json) + 1;
    if (items.length && (items.length >= maxRows || bytes + size > maxBytes)) flush();
    items.push(json);
    bytes += size;
  }
  flush();
  return chunks;
}

export interface Rejection {
  line: number;
  kind: string;
  field: string;
  reason: string;
}

export interface ChunkOutcome {
  recorded: number;
  unchanged: number;
  rejectedRows: number;
  rejections: Rejection[];
}

/**
 * The server numbers a chunk's rows `lineOffset + position + 1`; with `lineOffset` = the chunk's
 * offset that is the row's index in the file plus one, which gives back the row and its real line.
 */
export function mapChunkResults(
  results: readonly RowResult[],
  rows: ReadonlyArray<Pick<ImportRow, 'line'>>,
  chunk: Pick<Chunk, 'offset' | 'count'>,
): ChunkOutcome {
  const outcome: ChunkOutcome = { recorded: 0, unchanged: 0, rejectedRows: 0, rejections: [] };
  results.forEach((r, position) => {
    if (r.status === 'recorded') outcome.recorded++;
    else if (r.status === 'unchanged') outcome.unchanged++;
    else {
      outcome.rejectedRows++;
      const index =
        Number.isInteger(r.line) && r.line > chunk.offset && r.line <= chunk.offset + chunk.count
          ? r.line - 1
          : chunk.offset + position;
      const line = rows[index]?.line ?? r.line;
      const errors = r.errors?.length ? r.errors : [{ field: '(row)', reason: 'rejected' }];
      for (const e of errors)
        outcome.rejections.push({ line, kind: r.kind, field: e.field, reason: e.reason });
    }
  });
  return outcome;
}

export function formatRejections(rejections: readonly Rejection[]): string {
  return [...rejections]
    .sort((a, b) => a.line - b.line)
    .map((r) => `line ${r.line}: ${r.field}: ${r.reason}`)
    .join('\n');
}

export function isImportReport(body: unknown): body is ImportReport {
  const b = body as Partial<ImportReport> | null;
  return !!b && typeof b === 'object' && Array.isArray(b.results);
}

// ---------------------------------------------------------------------------------------------
// JSONL (ISO catalogue)

export interface LineChunk {
  /** Line number of the chunk's first line in the file. */
  firstLine: number;
  /** Non-empty lines in the chunk. */
  records: number;
  text: string;
}

/** Cuts JSONL text into chunks of at most `maxLines` non-empty lines, keeping line numbers recoverable. */
export function jsonlChunks(text: string, maxLines: number): LineChunk[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const chunks: LineChunk[] = [];
  let start = 0;
  let records = 0;
  for (let i = 0; i < lines.length; i++) {
    if (lines[i]!.trim() !== '') records++;
    if (records === maxLines || i === lines.length - 1) {
      if (records) chunks.push({ firstLine: start + 1, records, text: lines.slice(start, i + 1).join('\n') });
      start = i + 1;
      records = 0;
    }
  }
  return chunks;
}

// ---------------------------------------------------------------------------------------------
// HTTP

/** POSTs one body; answers its JSON, or throws a CliError carrying the problem+json detail. */
export async function postToRegistry(
  baseUrl: string,
  path: string,
  apiKey: string,
  contentType: string,
  body: string,
  timeoutMs = CHUNK_TIMEOUT_MS,
): Promise<unknown> {
  const url = `${baseUrl}${path}`;
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${apiKey}`,
        'content-type': contentType,
        accept: 'application/json, application/problem+json',
      },
      body,
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (err) {
    if (err instanceof Error && err.name === 'TimeoutError') {
      throw new CliError(`the registry did not answer within ${timeoutMs / 1000} s (${url})`);
    }
    throw new CliError(
      `cannot reach the registry at ${baseUrl}: ${reason(err)}. Is \`./highland up\` running? ` +
        '(or give --url / HIGHLAND_REGISTRY_URL)',
    );
  }
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  if (!res.ok) throw new CliError(describeProblem(res.status, res.statusText, json, text));
  if (json === undefined)
    throw new CliError(`the registry answered ${res.status} without JSON: ${text.slice(0, 200)}`);
  return json;
}

const asText = (v: unknown) => (typeof v === 'string' ? v : v === undefined ? '?' : JSON.stringify(v));

/** "the registry answered 401 Authentication required: the API key is not known…" and the field errors. */
export function describeProblem(status: number, statusText: string, json: unknown, text: string): string {
  const p = (json && typeof json === 'object' ? json : {}) as {
    title?: unknown;
    detail?: unknown;
    errors?: Array<{ field?: unknown; reason?: unknown }>;
  };
  const title = typeof p.title === 'string' ? p.title : statusText;
  const detail = typeof p.detail === 'string' ? p.detail : json === undefined ? text.slice(0, 300) : '';
  const lines = [`the registry answered ${status} ${title}${detail ? `: ${detail}` : ''}`];
  if (Array.isArray(p.errors)) {
    for (const e of p.errors) lines.push(`  ${asText(e.field)}: ${asText(e.reason)}`);
  }
  return lines.join('\n');
}
