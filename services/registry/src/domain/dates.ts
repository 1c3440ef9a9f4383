import { failure, type Failure } from './domain-error.js';

/** Calendar dates travel as ISO `YYYY-MM-DD` text: no time zone can shift them. */
export type IsoDate = string;

const DAY_MS = 86_400_000;

export interface DateOptions {
  /** The clock; defaults to now. */
  now?: Date;
  /**
   * How many days past today are still accepted (default 1): a department a time zone ahead of
   * the server, or a decision dated tomorrow, is not an error.
   */
  toleranceDays?: number;
}

/** Parses a real calendar date (`2024-02-30` is refused) in strict `YYYY-MM-DD` form. */
export function parseIsoDate(value: string, field = 'date'): { ok: true; date: IsoDate } | Failure {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
  if (!match) return failure(`${field} must be a date written YYYY-MM-DD, not '${value}'`, { field });
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) {
    return failure(`${field} ${value.trim()} is not a calendar date`, { field });
  }
  return { ok: true, date: value.trim() };
}

function todayUtc(now: Date): number {
  return Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
}

/** Refuses a date later than today plus the tolerance; `undefined` when it is acceptable. */
export function checkNotFuture(date: IsoDate, field: string, options: DateOptions = {}): Failure | undefined {
  const latest = todayUtc(options.now ?? new Date()) + (options.toleranceDays ?? 1) * DAY_MS;
  if (Date.parse(`${date}T00:00:00Z`) <= latest) return undefined;
  const limit = new Date(latest).toISOString().slice(0, 10);
  return failure(`${field} ${date} is in the future (latest accepted: ${limit})`, { field });
}

/** A date that has happened: parsed and not in the future (publication, filing, certification). */
export function parsePastDate(
  value: string,
  field: string,
  options: DateOptions = {},
): { ok: true; date: IsoDate } | Failure {
  const parsed = parseIsoDate(value, field);
  if (!parsed.ok) return parsed;
  return checkNotFuture(parsed.date, field, options) ?? parsed;
}

export interface DatePeriod {
  from: IsoDate;
  to?: IsoDate;
}

/**
 * A period such as a committee seat: `from` has happened, `to` is optional (still running) and
 * may lie in the future, but not before `from`.
 */
export function parsePeriod(
  input: { from: string; to?: string | undefined },
  options: DateOptions & { fromField?: string; toField?: string } = {},
): { ok: true; period: DatePeriod } | Failure {
  const fromField = options.fromField ?? 'from';
  const toField = options.toField ?? 'to';
  const from = parsePastDate(input.from, fromField, options);
  if (!from.ok) return from;
  if (input.to === undefined) return { ok: true, period: { from: from.date } };
  const to = parseIsoDate(input.to, toField);
  if (!to.ok) return to;
  if (to.date < from.date) {
    return failure(`${toField} ${to.date} is before ${fromField} ${from.date}`, { field: toField });
  }
  return { ok: true, period: { from: from.date, to: to.date } };
}
