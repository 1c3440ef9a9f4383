import { z } from 'zod';

/** Field shapes shared by the zones commands: each refuses bad input with a precise reason. */

const isCalendarDate = (s: string) => {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
};

/** A real calendar date (no 2026-02-30) written YYYY-MM-DD. */
export const AnyDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD')
  .refine(isCalendarDate, 'not a calendar date')
  .refine((s) => s >= '1990-01-01' && s <= '2100-12-31', 'outside 1990–2100');

/** A date that has happened: not after tomorrow (the district's day runs ahead of UTC). */
export const PastDate = AnyDate.refine(
  (s) => Date.parse(`${s}T00:00:00Z`) <= Date.now() + 86_400_000,
  'in the future',
);

export const Name = z.string().trim().min(1).max(300);
export const Text = z.string().trim().min(1).max(4000);
export const Reason = z.string().trim().max(2000).optional();
/** A department's slug, as on its API key (the Actor rule of the contracts). */
export const Department = z.string().regex(/^[a-z][a-z0-9-]{1,62}$/, 'a department slug, e.g. "agriculture"');
