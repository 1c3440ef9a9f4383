// The fuzz tier's client and its checks: raw HTTP requests (exact bytes, exact request line),
// what every answer must be, and what must hold of everything a service accepted and stored.
import { Agent, request } from 'node:http';
import { findContract } from '@highland/contracts';

export interface FuzzRequest {
  service: string;
  /** "METHOD /openapi/{path}" */
  operation: string;
  method: string;
  /** The request line's target, already percent-encoded. */
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
  /** What was made hostile, for the failure message. */
  kind: string;
  /** The JSON value the body encodes, when it is plain JSON. */
  value?: unknown;
}

export interface FuzzResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json?: unknown;
}

const agent = new Agent({ keepAlive: true, maxSockets: 4 });
/** Answers larger than this are cut (a CSV export); only their start matters here. */
const MAX_ANSWER = 4 * 1024 * 1024;

/** Sends one request as given; a reset, a hang past `timeoutMs` or a cut answer rejects. */
export async function send(base: URL, r: FuzzRequest, timeoutMs = 30_000): Promise<FuzzResponse> {
  try {
    return await sendOnce(base, r, timeoutMs);
  } catch (err) {
    // A kept-alive socket the server closed while idle resets on reuse: Node's documented race,
    // not the server's fault, and the request was never read. Once more on a new socket.
    if ((err as { reusedSocket?: boolean }).reusedSocket) return sendOnce(base, r, timeoutMs);
    throw err;
  }
}

function sendOnce(base: URL, r: FuzzRequest, timeoutMs: number): Promise<FuzzResponse> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        agent,
        host: base.hostname,
        port: base.port,
        method: r.method.toUpperCase(),
        path: r.path,
        headers: { ...r.headers, ...(r.body ? { 'content-length': String(r.body.length) } : {}) },
        timeout: timeoutMs,
      },
      (res) => {
        const type = String(res.headers['content-type'] ?? '');
        if (type.startsWith('text/event-stream')) {
          res.destroy();
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text: '' });
          return;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size <= MAX_ANSWER) chunks.push(c);
        });
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown;
          if (/json/.test(type)) {
            try {
              json = JSON.parse(text);
            } catch {
              json = undefined;
            }
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
        });
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', (err: NodeJS.ErrnoException) => {
      if (req.reusedSocket && err.code === 'ECONNRESET') Object.assign(err, { reusedSocket: true });
      reject(err);
    });
    if (r.body) req.end(r.body);
    else req.end();
  });
}

export function closeAgent(): void {
  agent.destroy();
}

/** A short description of a request, for failure messages. */
export function describe(r: FuzzRequest): string {
  const body = r.body
    ? r.body.length > 300
      ? `${r.body.subarray(0, 200).toString('utf8')}… (${r.body.length} bytes)`
      : r.body.toString('utf8')
    : '';
  const type = r.headers['content-type'] ? ` [${r.headers['content-type']}]` : '';
  return `${r.service} ${r.method.toUpperCase()} ${r.path.length > 300 ? `${r.path.slice(0, 300)}…` : r.path}${type} (${r.kind}) ${body}`;
}

/**
 * What is wrong with a 4xx answer: it must be problem+json with status and title, and a refusal of
 * the input (400, 413, 422) must name the field(s) and reason(s).
 */
export function problemFault(res: FuzzResponse): string | undefined {
  const type = String(res.headers['content-type'] ?? '');
  if (!type.startsWith('application/problem+json')) return `${res.status} as ${type || 'no content type'}`;
  const p = res.json as { status?: unknown; title?: unknown; errors?: unknown } | undefined;
  if (!p || typeof p !== 'object') return `${res.status} problem is not a JSON object`;
  if (p.status !== res.status) return `${res.status} problem says status ${String(p.status)}`;
  if (typeof p.title !== 'string' || !p.title) return `${res.status} problem has no title`;
  if ([400, 413, 422].includes(res.status)) {
    const errors = p.errors as Array<{ field?: unknown; reason?: unknown }> | undefined;
    if (!Array.isArray(errors) || !errors.length) return `${res.status} problem names no field`;
    if (
      errors.some((e) => typeof e.field !== 'string' || !e.field || typeof e.reason !== 'string' || !e.reason)
    )
      return `${res.status} problem has an error without field or reason`;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Everything accepted is stored

const norm = (v: unknown) =>
  String(v)
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');

function leaves(v: unknown, out: unknown[] = []): unknown[] {
  if (Array.isArray(v)) for (const x of v) leaves(x, out);
  else if (v && typeof v === 'object') for (const x of Object.values(v)) leaves(x, out);
  else if (v !== undefined && v !== null) out.push(v);
  return out;
}

/** Every value stored under a key of this name, anywhere in the document. */
function valuesUnder(doc: unknown, key: string, out: unknown[] = []): unknown[] {
  if (Array.isArray(doc)) for (const x of doc) valuesUnder(x, key, out);
  else if (doc && typeof doc === 'object')
    for (const [k, x] of Object.entries(doc)) {
      if (k === key) out.push(x);
      valuesUnder(x, key, out);
    }
  return out;
}

function carried(leaf: unknown, candidates: unknown[]): boolean {
  if (typeof leaf === 'boolean') return candidates.some((c) => c === leaf);
  const want = norm(leaf);
  if (!want) return true;
  return candidates.some((c) => c !== null && typeof c !== 'object' && norm(c).includes(want));
}

/** Fields never stored in the item itself: the reason goes on the event (checked there). */
export const ENVELOPE_FIELDS = new Set(['reason']);

/** Credentials are write-only: stored encrypted and never answered back (a webhook's secret). */
const WRITE_ONLY = /secret|password|passphrase|token|apikey/i;

function withoutWriteOnly(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(withoutWriteOnly);
  if (!v || typeof v !== 'object') return v;
  return Object.fromEntries(
    Object.entries(v)
      .filter(([k]) => !WRITE_ONLY.test(k))
      .map(([k, x]) => [k, withoutWriteOnly(x)]),
  );
}

/**
 * The accepted body's fields that the stored document does not carry: each value must be found
 * under a key of the same name (or, when the item names it differently, anywhere in it), compared
 * without case, spacing and punctuation (codes and names are normalised when stored). Credentials
 * (WRITE_ONLY) are left out: they must not be readable.
 */
export function droppedFields(accepted: unknown, stored: unknown): string[] {
  if (!accepted || typeof accepted !== 'object' || Array.isArray(accepted)) return [];
  const everywhere = leaves(stored);
  const missing: string[] = [];
  for (const [key, value] of Object.entries(withoutWriteOnly(accepted) as object)) {
    if (ENVELOPE_FIELDS.has(key) || value === null || value === undefined) continue;
    const under = valuesUnder(stored, key);
    const pool = under.length ? leaves(under) : everywhere;
    const lost = leaves(value).filter((leaf) => !carried(leaf, pool));
    if (lost.length) missing.push(`${key}=${JSON.stringify(value).slice(0, 120)}`);
  }
  return missing;
}

/** Keys no stored document may hold: operators and prototype names. */
export function hostileKeys(v: unknown, path = '', out: string[] = []): string[] {
  if (out.length > 20) return out;
  if (Array.isArray(v)) v.forEach((x, i) => hostileKeys(x, `${path}[${i}]`, out));
  else if (v && typeof v === 'object') {
    if (
      Object.getPrototypeOf(v) !== Object.prototype &&
      Object.getPrototypeOf(v) !== null &&
      !isLeafObject(v)
    )
      out.push(`${path} has prototype ${String(Object.getPrototypeOf(v)?.constructor?.name)}`);
    for (const k of Object.keys(v)) {
      if (k.startsWith('$') || k === '__proto__') out.push(`${path}.${k}`);
      hostileKeys((v as Record<string, unknown>)[k], `${path}.${k}`, out);
    }
  }
  return out;
}

/** Values the store's driver gives back as objects of their own classes (ObjectId, Date, Binary). */
function isLeafObject(v: object): boolean {
  return (
    v instanceof Date || Buffer.isBuffer(v) || typeof (v as { _bsontype?: unknown })._bsontype === 'string'
  );
}

/** Why an event from a stream is not a valid event of its contract (undefined: it is). */
export function eventFault(raw: Uint8Array): string | undefined {
  let env: { type?: unknown; version?: unknown };
  try {
    env = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(raw)) as typeof env;
  } catch (err) {
    return `not JSON text: ${(err as Error).message}`;
  }
  const contract =
    typeof env.type === 'string' && typeof env.version === 'number'
      ? findContract(env.type, env.version)
      : undefined;
  if (!contract) return `no contract for ${String(env.type)} v${String(env.version)}`;
  const check = contract.check(env);
  if (!check.success)
    return `${contract.type} v${contract.version}: ${check.issues
      .slice(0, 3)
      .map((i) => `${i.path.join('.')}: ${i.message}`)
      .join('; ')}`;
  const keys = hostileKeys(env);
  if (keys.length) return `${contract.type} holds keys ${keys.join(', ')}`;
  return undefined;
}
