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
 * body-parser's `verify`: bodies must be text, not garbage. Invalid UTF-8 would otherwise be
 * rewritten to U+FFFD and stored; a lone surrogate (`"\ud800"`) is not a character at all and
 * breaks every consumer that encodes it again. Both are refused with a 400 naming the body.
 */
export function verifyBodyText(_req: IncomingMessage, _res: ServerResponse, buf: Buffer): void {
  if (!isUtf8(buf)) throw new BodyTextError('encoding.invalid', 'the request body is not valid UTF-8');
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
