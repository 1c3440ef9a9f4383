import { failure, type Failure } from './domain-error.js';

/** Calendar dates travel as ISO `YYYY-MM-DD` text: no time zone can shift them. */
export type IsoDate = string;

const DAY_MS = 86_400_000;

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

/** The ISO date of a calendar day, or `undefined` when there is no such day (`2025-02-30`). */
export function isoDateOf(year: number, month: number, day: number): IsoDate | undefined {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (
    year < 1000 ||
    date.getUTCFullYear() !== year ||
    date.getUTCMonth() !== month - 1 ||
    date.getUTCDate() !== day
  ) {
    return undefined;
  }
  return date.toISOString().slice(0, 10);
}

/** Days since the epoch of an ISO date, for arithmetic. */
export function epochDay(date: IsoDate): number {
  return Date.parse(`${date}T00:00:00Z`) / DAY_MS;
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return new Date((epochDay(date) + days) * DAY_MS).toISOString().slice(0, 10);
}

/** Excel's largest date serial (9999-12-31). */
const MAX_SERIAL = 2_958_465;

/**
 * An Excel date serial as an ISO date; the time of day (fraction) is dropped. The 1900 system
 * counts 1900-01-01 as 1 and has Lotus's phantom 1900-02-29 (serial 60, refused); the 1904
 * system (old Mac workbooks) counts 1904-01-01 as 0.
 */
export function excelSerialToIsoDate(serial: number, date1904 = false): IsoDate | undefined {
  if (!Number.isFinite(serial) || serial < (date1904 ? 0 : 1) || serial > MAX_SERIAL) return undefined;
  const whole = Math.floor(serial);
  if (date1904) return addDays('1904-01-01', whole);
  if (whole === 60) return undefined;
  // Serials after the phantom day are shifted by it: 61 is 1900-03-01.
  return addDays(whole < 60 ? '1899-12-31' : '1899-12-30', whole);
}

/** A Date as the calendar day it stands for in UTC (spreadsheet readers put dates at UTC midnight). */
export function isoDateOfInstant(date: Date): IsoDate | undefined {
  if (Number.isNaN(date.getTime())) return undefined;
  return date.toISOString().slice(0, 10);
}

export interface DateReadOptions {
  /** The workbook uses the 1904 date system. */
  date1904?: boolean;
}

/**
 * Reads a date as exports store it: ISO text (`2025-06-10`, or a timestamp whose day is kept),
 * `2025/06/10`, `10 June 2025`, `June 10, 2025`, an Excel serial (number, or digits in text) or a
 * Date. Day-first or month-first numeric forms (`10/06/2025`) are refused as ambiguous.
 */
export function readDate(
  value: string | number | Date,
  field: string,
  options: DateReadOptions = {},
): { ok: true; date: IsoDate } | Failure {
  const bad = (why: string) => failure(`${field} ${why}`, { field });
  if (value instanceof Date) {
    const date = isoDateOfInstant(value);
    return date === undefined ? bad('is not a valid date') : { ok: true, date };
  }
  if (typeof value === 'number') {
    const date = excelSerialToIsoDate(value, options.date1904);
    return date === undefined ? bad(`${value} is not an Excel date serial`) : { ok: true, date };
  }
  const text = value.trim();
  let match = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(text);
  if (match) {
    const date = isoDateOf(Number(match[1]), Number(match[2]), Number(match[3]));
    return date === undefined ? bad(`'${text}' is not a calendar date`) : { ok: true, date };
  }
  if (/^\d{5}(?:\.\d+)?$/.test(text)) return readDate(Number(text), field, options);
  match = /^(\d{1,2})(?:st|nd|rd|th)? ([A-Za-z]+)\.?,? (\d{4})$/.exec(text);
  const named = match ? { day: match[1], month: match[2], year: match[3] } : undefined;
  match = /^([A-Za-z]+)\.? (\d{1,2})(?:st|nd|rd|th)?,? (\d{4})$/.exec(text);
  const named2 = match ? { day: match[2], month: match[1], year: match[3] } : undefined;
  const parts = named ?? named2;
  if (parts !== undefined) {
    const month = monthNumber(parts.month ?? '');
    const date = month === undefined ? undefined : isoDateOf(Number(parts.year), month, Number(parts.day));
    return date === undefined ? bad(`'${text}' is not a calendar date`) : { ok: true, date };
  }
  if (/^\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}$/.test(text)) {
    return bad(`'${text}' is ambiguous (day or month first?): write it YYYY-MM-DD`);
  }
  return bad(`'${text}' is not a date (expected YYYY-MM-DD)`);
}

/** `June`, `jun`, `Sept` → 6, 6, 9. */
export function monthNumber(name: string): number | undefined {
  const word = name.toLowerCase();
  if (word.length < 3) return undefined;
  const index = MONTHS.findIndex((m) => m.startsWith(word) || (word === 'sept' && m === 'september'));
  return index < 0 ? undefined : index + 1;
}

const DATE_IN_TEXT =
  /\b(\d{4})-(\d{2})-(\d{2})\b|\b(\d{1,2})(?:st|nd|rd|th)? (January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?,? (\d{4})\b|\b(January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.? (\d{1,2})(?:st|nd|rd|th)?,? (\d{4})\b/gi;

/** Every date written in free text (`19 February 2025`, `February 19, 2025`, `2025-02-19`), in order. */
export function findDates(text: string): { date: IsoDate; index: number; text: string }[] {
  const out: { date: IsoDate; index: number; text: string }[] = [];
  for (const m of text.matchAll(DATE_IN_TEXT)) {
    let date: IsoDate | undefined;
    if (m[1] !== undefined) date = isoDateOf(Number(m[1]), Number(m[2]), Number(m[3]));
    else if (m[4] !== undefined) {
      const month = monthNumber(m[5] ?? '');
      date = month === undefined ? undefined : isoDateOf(Number(m[6]), month, Number(m[4]));
    } else {
      const month = monthNumber(m[7] ?? '');
      date = month === undefined ? undefined : isoDateOf(Number(m[9]), month, Number(m[8]));
    }
    if (date !== undefined) out.push({ date, index: m.index, text: m[0] });
  }
  return out;
}
