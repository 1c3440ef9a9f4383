import { isCcsCode, isIcsCode } from '@highland/reference-data';
import { z } from 'zod';
import { parseCommitteeRef } from '../domain/committee.js';
import { parseStandardCode } from '../domain/standard-code.js';

/** Field shapes shared by the registry's commands: each refuses bad input with a precise reason. */

export const StandardCode = z
  .string()
  .max(200)
  .transform((text, ctx) => {
    const parsed = parseStandardCode(text);
    if (!parsed.ok) {
      ctx.addIssue({ code: 'custom', message: `malformed standard code "${text}": ${parsed.error.reason}` });
      return z.NEVER;
    }
    return parsed.code;
  });

export const CommitteeRef = z
  .string()
  .max(100)
  .transform((text, ctx) => {
    const parsed = parseCommitteeRef(text);
    if (!parsed.ok) {
      ctx.addIssue({ code: 'custom', message: parsed.error.reason });
      return z.NEVER;
    }
    return parsed.committee;
  });

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Midnight UTC of a real calendar date written YYYY-MM-DD (no 2015-02-30), or undefined. */
export function calendarDateMs(text: string): number | undefined {
  const m = ISO_DATE.exec(text);
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1) return undefined;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (day > (month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]!)) return undefined;
  return new Date(0).setUTCFullYear(year, month - 1, day);
}

// Arithmetic, not Date parsing: a bulk import checks two dates a row.
const isCalendarDate = (s: string) => calendarDateMs(s) !== undefined;

/** A real calendar date (no 2015-02-30), not after tomorrow (district time runs ahead of UTC). */
export const PastDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD')
  .refine(isCalendarDate, 'not a calendar date')
  .refine((s) => s >= '1946-01-01', 'before 1946')
  .refine(
    (s) => (calendarDateMs(s) ?? new Date(`${s}T00:00:00Z`).getTime()) <= Date.now() + 86_400_000,
    'in the future',
  );

export const AnyDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD')
  .refine(isCalendarDate, 'not a calendar date');

export const IcsCodes = z
  .array(
    z.string().refine(isIcsCode, { error: (issue) => `"${String(issue.input)}" is not in the ICS list` }),
  )
  .max(20);

export const CcsCodes = z
  .array(
    z.string().refine(isCcsCode, { error: (issue) => `"${String(issue.input)}" is not in the CCS list` }),
  )
  .max(20);

export const Name = z.string().trim().min(1).max(300);
export const Reason = z.string().trim().max(2000).optional();
