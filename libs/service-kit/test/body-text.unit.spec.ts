// JSON nested without bound parsed fine and then overflowed the stack of the next recursive step
// (the idempotency hash answered 500; found by the fuzz tier): refused before parsing instead.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH, nestsDeeperThan, verifyBodyText } from '../src/body-text.js';

const req = (type: string) => ({ headers: { 'content-type': type } }) as IncomingMessage;
const verify = (type: string, text: string) =>
  verifyBodyText(req(type), {} as ServerResponse, Buffer.from(text));
const nested = (n: number) => '['.repeat(n) + ']'.repeat(n);

describe('JSON nesting limit', () => {
  it('counts brackets and braces outside strings only', () => {
    expect(nestsDeeperThan(Buffer.from(nested(3)), 3)).toBe(false);
    expect(nestsDeeperThan(Buffer.from(nested(4)), 3)).toBe(true);
    expect(nestsDeeperThan(Buffer.from('{"a":{"b":[1]}}'), 3)).toBe(false);
    expect(nestsDeeperThan(Buffer.from('{"a":{"b":[{}]}}'), 3)).toBe(true);
    expect(nestsDeeperThan(Buffer.from(`{"a":"${'['.repeat(100)}"}`), 3)).toBe(false);
    // an escaped quote does not end the string
    expect(nestsDeeperThan(Buffer.from(`{"a":"\\"${'{'.repeat(100)}"}`), 3)).toBe(false);
    // NDJSON: each line on its own
    expect(nestsDeeperThan(Buffer.from(`${nested(3)}\n${nested(3)}\n`), 3)).toBe(false);
  });

  it('refuses a JSON body nested deeper than the limit as a body error, and lets text through', () => {
    expect(() => verify('application/json', nested(MAX_JSON_DEPTH))).not.toThrow();
    expect(() => verify('application/json', nested(100_000))).toThrow(
      expect.objectContaining({ status: 400, type: 'entity.too.deep' }),
    );
    expect(() =>
      verify('application/json; charset=utf-8', '{"a":'.repeat(65) + '1' + '}'.repeat(65)),
    ).toThrow(/nests deeper than 64 levels/);
    expect(() => verify('text/csv', nested(1000))).not.toThrow();
  });
});
