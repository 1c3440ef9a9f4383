import { type Scanner } from './scanner.js';

export interface YearBounds {
  min: number;
  max: number;
}

/** ISO held its founding conference in 1946; no international or Chinese standard is older. */
export const FIRST_YEAR = 1946;
/** Advanced foreign bodies are older (ASTM 1898, BSI 1901, DIN 1917). */
export const FIRST_FOREIGN_YEAR = 1900;

/** Codes may carry next year's date while a standard is being published, never later. */
export function yearBounds(now: Date, min = FIRST_YEAR): YearBounds {
  return { min, max: now.getUTCFullYear() + 1 };
}

export function checkYear(scanner: Scanner, year: number, bounds: YearBounds, position: number): number {
  if (year < bounds.min) scanner.fail(`year ${year} is before ${bounds.min}`, position);
  if (year > bounds.max) scanner.fail(`year ${year} is after ${bounds.max}`, position);
  return year;
}

/** Reads the 4-digit year that follows a separator the caller has already consumed. */
export function readYear(scanner: Scanner, bounds: YearBounds, separator: string): number {
  const start = scanner.pos;
  const digits = scanner.take(/\d+/y)?.[0];
  if (digits === undefined) scanner.fail(`missing year after '${separator}'`);
  if (digits.length !== 4) scanner.fail('year must be 4 digits', start);
  return checkYear(scanner, Number(digits), bounds, start);
}
