import { isUtf8 } from 'node:buffer';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** A refused body, in the shape body-parser's own errors have (the problem filter reads it). */
class BodyTextError extends Error {
  readonly status = 400;
  readonly expose = true;
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

// Only a \uD800–\uDFFF escape can make a lone surrogate: raw UTF-8 cannot encode one.
const SURROGATE_ESCAPE = /\\u[dD][89abAB][0-9a-fA-F]{2}/;

// String.prototype.isWellFormed is ES2024 (Node 20+); the build's lib is ES2023.
const wellFormed = (s: string) => (s as string & { isWellFormed(): boolean }).isWellFormed();

/**
 * How deep a JSON body may nest. The deepest body an API takes (a plan) nests 6 levels; a body of
 * 100,000 `[` parses fine but overflowed the stack of every recursive step after it (hashing the
 * body for idempotency answered 500).
 */
export const MAX_JSON_DEPTH = 64;

const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** Whether JSON text (one document or NDJSON lines) nests deeper than `max`, in one pass over the bytes. */
export function nestsDeeperThan(buf: Buffer, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < buf.length; i++) {
    const b = buf[i]!;
    if (inString) {
      if (b === BACKSLASH) i++;
      else if (b === QUOTE) inString = false;
    } else if (b === QUOTE) inString = true;
    else if (b === OPEN_BRACE || b === OPEN_BRACKET) {
      if (++depth > max) return true;
    } else if (b === CLOSE_BRACE || b === CLOSE_BRACKET) depth--;
  }
  return false;
}

/**
 * body-parser's `verify`: bodies must be text, not garbage. Invalid UTF-8 would otherwise be
 * rewritten to U+FFFD and stored; a lone surrogate (`"\ud800"`) is not a character at all and
 * breaks every consumer that encodes it again. JSON nested deeper than MAX_JSON_DEPTH is refused
 * too. Each is a 400 naming the body.
 */
export function verifyBodyText(req: IncomingMessage, _res: ServerResponse, buf: Buffer): void {
  if (!isUtf8(buf)) throw new BodyTextError('encoding.invalid', 'the request body is not valid UTF-8');
  if (/json/i.test(req.headers['content-type'] ?? '') && nestsDeeperThan(buf, MAX_JSON_DEPTH))
    throw new BodyTextError('entity.too.deep', `the request body nests deeper than ${MAX_JSON_DEPTH} levels`);
  if (buf.indexOf('\\u') < 0) return;
  const text = buf.toString('utf8');
  if (!SURROGATE_ESCAPE.test(text)) return;
  try {
    // Keys are checked too: a reviver sees every key as it sees every value.
    JSON.parse(text, (key: string, value: unknown) => {
      if (!wellFormed(key) || (typeof value === 'string' && !wellFormed(value)))
        throw new Error('lone surrogate');
      return value;
    });
  } catch (err) {
    if ((err as Error).message === 'lone surrogate')
      throw new BodyTextError(
        'encoding.lone-surrogate',
        'the request body holds a lone UTF-16 surrogate (\\ud800–\\udfff), which is not text',
      );
    // Not JSON (CSV, NDJSON) or malformed JSON: the parser itself answers that.
  }
}
