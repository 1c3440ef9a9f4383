import { type Scanner } from './scanner.js';
import { type Amendment, type StandardCodeParts } from './types.js';
import { readYear, type YearBounds } from './years.js';

export type Designation = Pick<StandardCodeParts, 'number' | 'part' | 'year' | 'amendment'>;

/** Drops absent optional fields, so parsed codes compare equal however they were built. */
export function designation(
  number: string,
  part?: string,
  year?: number,
  amendment?: Amendment,
): Designation {
  const result: Designation = { number };
  if (part !== undefined) result.part = part;
  if (year !== undefined) result.year = year;
  if (amendment !== undefined) result.amendment = amendment;
  return result;
}

/** Reads the number that must follow a prefix, skipping one space; `label` names the prefix. */
export function readNumber(scanner: Scanner, label: string, pattern: RegExp): string {
  scanner.skipSpace();
  const number = scanner.take(pattern)?.[0];
  if (number === undefined) scanner.fail(`missing number after '${label}'`);
  return number;
}

/** Reads repeated `<sep><digits>` segments (parts), joined with `sep`; undefined when there are none. */
export function readParts(scanner: Scanner, segment: RegExp, sep: string): string | undefined {
  const parts: string[] = [];
  for (let match = scanner.take(segment); match; match = scanner.take(segment)) parts.push(match[1] ?? '');
  return parts.length > 0 ? parts.join(sep) : undefined;
}

/** Reads an amendment number (`1` of `Amd 1`), which starts at 1. */
export function readAmendmentNumber(scanner: Scanner, digits: string, position: number): number {
  const number = Number(digits);
  if (number < 1) scanner.fail('amendment number must be 1 or more', position);
  return number;
}

/** Amendments amend a dated edition: `ISO 9001:2015/Amd 1:2024`, `GB 2760-2014/XG1-2020`. */
export function requireBaseYear(scanner: Scanner, year: number | undefined, position: number): number {
  if (year === undefined) scanner.fail('an amendment needs the year of the standard it amends', position);
  return year;
}

/** Reads an amendment's own year (after `separator`), which cannot precede the edition it amends. */
export function readAmendmentYear(
  scanner: Scanner,
  bounds: YearBounds,
  separator: string,
  baseYear: number,
): number {
  const start = scanner.pos;
  const year = readYear(scanner, bounds, separator);
  if (year < baseYear)
    scanner.fail(`amendment year ${year} is before the standard's year ${baseYear}`, start);
  return year;
}

/** Chinese designation: `19001`, `4706.1`, then `-2016`, then `/XG1-2020`. */
export function readChineseDesignation(
  scanner: Scanner,
  label: string,
  bounds: YearBounds,
  numberPattern: RegExp = /\d+/y,
): Designation {
  const number = readNumber(scanner, label, numberPattern);
  const part = readParts(scanner, /\.(\d+)/y, '.');
  const year = scanner.take(/ ?- ?/y) ? readYear(scanner, bounds, '-') : undefined;
  let amendment: Amendment | undefined;
  const start = scanner.pos;
  const xg = scanner.take(/ ?\/ ?XG ?(\d+)/y);
  if (xg) {
    const baseYear = requireBaseYear(scanner, year, start);
    amendment = { kind: 'XG', number: readAmendmentNumber(scanner, xg[1] ?? '', start) };
    if (scanner.take(/ ?- ?/y)) amendment.year = readAmendmentYear(scanner, bounds, '-', baseYear);
  }
  scanner.expectEnd();
  return designation(number, part, year, amendment);
}
