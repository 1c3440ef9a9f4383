import {
  designation,
  readAmendmentNumber,
  readAmendmentYear,
  readNumber,
  readParts,
  requireBaseYear,
  type Designation,
} from './designation.js';
import { FOREIGN_BODIES, type ForeignBody } from './foreign-bodies.js';
import { type Scanner } from './scanner.js';
import { type Amendment, type StandardCodeParts } from './types.js';
import { checkYear, readYear, type YearBounds } from './years.js';

/** ASTM writes two-digit years; they are read as the latest year not after the upper bound. */
export function astmYear(twoDigits: number, bounds: YearBounds): number {
  const recent = 2000 + twoDigits;
  return recent <= bounds.max ? recent : 1900 + twoDigits;
}

/** `ASTM D638-14`, `ASTM A36/A36M-19`: year optional, 2 digits (4 are accepted if unambiguous). */
function readAstm(scanner: Scanner, body: string, bounds: YearBounds): Designation {
  const number = readNumber(scanner, body, /[A-G]\d+M?(?:\/[A-G]\d+M)?/y);
  if (!scanner.take(/ ?- ?/y)) return designation(number);
  const start = scanner.pos;
  const digits = scanner.take(/\d+/y)?.[0];
  if (digits === undefined) scanner.fail(`missing year after '-'`);
  if (digits.length !== 2 && digits.length !== 4) scanner.fail('ASTM year must be 2 digits (or 4)', start);
  const year = checkYear(
    scanner,
    digits.length === 2 ? astmYear(Number(digits), bounds) : Number(digits),
    bounds,
    start,
  );
  if (astmYear(year % 100, bounds) !== year) {
    scanner.fail(`ASTM year ${year} cannot be written with 2 digits unambiguously`, start);
  }
  scanner.expectEnd();
  return designation(number, undefined, year);
}

/** `EN 71-3:2019+A1:2021`, `DIN 476-1:2009`, `JIS Z 8301:2019`. */
function readColonDated(scanner: Scanner, label: string, bounds: YearBounds, division: boolean): Designation {
  const number = division
    ? readNumber(scanner, label, /[A-Z] ?\d{4}/y).replace(/^([A-Z]) ?/, '$1 ')
    : readNumber(scanner, label, /\d+/y);
  const part = readParts(scanner, /-(\d+)/y, '-');
  const year = scanner.take(/ ?: ?/y) ? readYear(scanner, bounds, ':') : undefined;
  let amendment: Amendment | undefined;
  const start = scanner.pos;
  const plus = scanner.take(/ ?\+ ?A ?(\d+)/y);
  if (plus) {
    const baseYear = requireBaseYear(scanner, year, start);
    amendment = { kind: 'A', number: readAmendmentNumber(scanner, plus[1] ?? '', start) };
    if (scanner.take(/ ?: ?/y)) amendment.year = readAmendmentYear(scanner, bounds, ':', baseYear);
  }
  scanner.expectEnd();
  return designation(number, part, year, amendment);
}

/** `ANSI Z535.1-2017`, `IEEE 802.3-2018`, `UL 60950-1`: dash-separated, a last 4-digit segment is the year. */
function readDashDated(scanner: Scanner, label: string, bounds: YearBounds): Designation {
  const number = readNumber(scanner, label, /[A-Z]{0,2}\d+(?:\.\d+)*/y);
  const segments: { text: string; at: number }[] = [];
  for (let m = scanner.take(/ ?- ?(\d+)/y); m; m = scanner.take(/ ?- ?(\d+)/y)) {
    const text = m[1] ?? '';
    segments.push({ text, at: scanner.pos - text.length });
  }
  scanner.expectEnd();
  const last = segments.at(-1);
  const year = last?.text.length === 4 ? checkYear(scanner, Number(last.text), bounds, last.at) : undefined;
  const partSegments = year === undefined ? segments : segments.slice(0, -1);
  const part = partSegments.length > 0 ? partSegments.map((s) => s.text).join('-') : undefined;
  return designation(number, part, year);
}

/** Reads the body with what it adopts: `BS EN ISO`, `DIN EN`, `EN IEC`, `ANSI/ASHRAE`, `GOST R`. */
function readBody(scanner: Scanner, main: ForeignBody): string {
  let body = main.code;
  if (main.style === 'european') {
    if (main.code !== 'EN' && scanner.take(/ EN(?=[ \d])/y)) body += ' EN';
    const adopted = scanner.take(/ (ISO\/IEC|ISO|IEC)(?=[ \d])/y)?.[1];
    if (adopted !== undefined) body += ` ${adopted}`;
  } else if (main.code === 'ANSI') {
    const sponsor = scanner.take(/ ?\/ ?([A-Z]+)/y)?.[1];
    if (sponsor !== undefined) body += `/${sponsor}`;
  } else if (main.code === 'GOST' && scanner.take(/ R(?= ?\d)/y)) {
    body += ' R';
  } else if (main.code === 'IEEE') {
    scanner.take(/ STD\.?(?= ?\d)/y); // `IEEE Std 802.3` and `IEEE 802.3` are the same code
  }
  return body;
}

export function parseForeign(scanner: Scanner, bounds: YearBounds): StandardCodeParts {
  const word = scanner.take(/[A-Z]+/y)?.[0] ?? '';
  const main = FOREIGN_BODIES.get(word);
  if (!main) return scanner.fail(`unknown foreign standards body '${word}'`, 0);
  const body = readBody(scanner, main);
  const parts =
    main.style === 'astm'
      ? readAstm(scanner, body, bounds)
      : main.style === 'dashed'
        ? readDashDated(scanner, body, bounds)
        : readColonDated(scanner, body, bounds, main.style === 'division');
  return { level: 'foreign', body, nature: 'recommended', ...parts };
}
