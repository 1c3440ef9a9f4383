import { describe, expect, it } from 'vitest';
import { csvChunks, resolveTbtUrl } from '../src/commands/import-tbt.js';

describe('import tbt', () => {
  it('splits a CSV into chunks of whole records, keeping the header and the file’s line numbers', () => {
    const text = 'a,b\n1,"two\nlines"\n3,4\n5,6\n';
    const chunks = csvChunks(text, 2);
    expect(chunks.map((c) => c.records)).toEqual([2, 1]);
    expect(chunks[0]!.body).toBe('a,b\n1,"two\nlines"\n3,4\n');
    // the second chunk's first record (5,6) is on line 5 of the file, line 2 of the chunk
    expect(chunks[1]!.lineOffset + 2).toBe(5);
    expect(chunks[0]!.lineOffset + 2).toBe(2);
  });

  it('refuses a base URL that is not one', () => {
    expect(() => resolveTbtUrl('not a url', {})).toThrow(/not a URL/);
    expect(resolveTbtUrl(undefined, { HIGHLAND_TBT_PORT: '19000' })).toBe('http://127.0.0.1:19000');
  });
});
