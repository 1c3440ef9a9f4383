// CSV exports (issue 16, item 3): every text cell that a spreadsheet would run is neutralised
// (OWASP's CSV-injection rule), numbers stay numbers, and the file name cannot break the header.
import { parse } from 'csv-parse/sync';
import type { Response as ExpressResponse } from 'express';
import { describe, expect, it } from 'vitest';
import { neutraliseCell, sendCsv } from '../src/csv.js';

/** What an Express response is given: its headers and body. */
function capture() {
  const headers: Record<string, string> = {};
  let body = '';
  const res = {
    setHeader: (k: string, v: string) => (headers[k.toLowerCase()] = v),
    send: (b: string) => (body = b),
  } as unknown as ExpressResponse;
  return { res, headers, body: () => body };
}

describe('CSV exports', () => {
  it('neutralises every cell that starts like a formula or a command', () => {
    const hostile = ['=HYPERLINK("http://evil.example","x")', '+1+1', '-2+3', '@SUM(1+1)', '\tcmd', '\rcmd'];
    const out = capture();
    sendCsv(out.res, 'x.csv', ['cell', 'number'], [...hostile.map((h) => [h, -5]), ['plain 中文', 7]]);
    const text = out.body();
    expect(text.startsWith('\uFEFF')).toBe(true);
    const rows: string[][] = parse(text.slice(1), { relax_quotes: true });
    expect(rows.slice(1, -1).map((r) => r[0])).toEqual(hostile.map((h) => `'${h}`));
    expect(rows.slice(1).map((r) => r[1])).toEqual([...hostile.map(() => '-5'), '7']);
    expect(rows.at(-1)![0]).toBe('plain 中文');
    expect(out.headers['content-type']).toBe('text/csv; charset=utf-8');
  });

  it('keeps the file name to characters no header misreads', () => {
    const out = capture();
    sendCsv(out.res, 'plan-"a"\r\nSet-Cookie: x=1;../\ud800.csv', ['a'], []);
    expect(out.headers['content-disposition']).toBe(
      'attachment; filename="plan-_a___Set-Cookie__x_1_..__.csv"',
    );
  });

  it('leaves harmless text alone', () => {
    expect(neutraliseCell('GB/T 1234-2020')).toBe('GB/T 1234-2020');
    expect(neutraliseCell('a=b')).toBe('a=b');
  });
});
