import { z } from 'zod';

/** Field shapes shared by the incentives commands. */
export const Reason = z.string().trim().max(2000).optional();
export const RequiredReason = z.string().trim().min(1).max(2000);
export const ParticipantSlug = z
  .string()
  .regex(/^[a-z][a-z0-9-]{1,39}$/, 'lower-case letters, digits and -, starting with a letter, at most 40');
export const IsoDay = z.iso.date();

/** Objects compare by content, whatever the key order (for "the same thing again"). */
export function sameContent(a: unknown, b: unknown): boolean {
  return stable(a) === stable(b);
}
function stable(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stable).join(',')}]`;
  if (v && typeof v === 'object')
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stable((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(v) ?? 'undefined';
}
