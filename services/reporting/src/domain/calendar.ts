/**
 * Plan time. Plan dates are the district's calendar days (China Standard Time, UTC+8, no daylight
 * saving), so a publication late on 31 December counts for that year whatever the server's zone.
 */

export const DISTRICT_UTC_OFFSET = '+08:00';
const OFFSET_MS = 8 * 60 * 60 * 1000;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const NO_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/;

// Facts repeat the same few thousand dates; parsing one costs ~1 µs and every indicator of the
// fact's kind asks again, so both conversions are remembered (bounded: cleared when full).
const MEMO_LIMIT = 50_000;
const instants = new Map<string, number>();
const months = new Map<number, string>();

function remember<K, V>(memo: Map<K, V>, key: K, value: V): V {
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(key, value);
  return value;
}

/** Epoch ms of an ISO date or date-time; one without an offset is district-local. NaN if invalid. */
export function instantOf(iso: string): number {
  const known = instants.get(iso);
  if (known !== undefined) return known;
  if (DATE_ONLY.test(iso))
    return remember(instants, iso, Date.parse(`${iso}T00:00:00${DISTRICT_UTC_OFFSET}`));
  if (NO_OFFSET.test(iso)) return remember(instants, iso, Date.parse(`${iso}${DISTRICT_UTC_OFFSET}`));
  return remember(instants, iso, Date.parse(iso));
}

/** District-local 'YYYY-MM' of an instant. */
export function monthOf(ms: number): string {
  return months.get(ms) ?? remember(months, ms, new Date(ms + OFFSET_MS).toISOString().slice(0, 7));
}

/** A plan period as instants: start of the first day to the start of the day after the last. */
export interface PlanWindow {
  readonly startMs: number;
  readonly endMs: number;
}

export function planWindow(period: { readonly start: string; readonly end: string }): PlanWindow {
  return { startMs: instantOf(period.start), endMs: instantOf(period.end) + 24 * 60 * 60 * 1000 };
}

/** Share of the period elapsed at asOf, clamped to 0..1. */
export function shareElapsed(window: PlanWindow, asOfMs: number): number {
  const share = (asOfMs - window.startMs) / (window.endMs - window.startMs);
  return Math.min(1, Math.max(0, share));
}

/** Every district-local month from the window's start up to min(asOf, end), in order. */
export function monthsUpTo(window: PlanWindow, asOfMs: number): string[] {
  const lastMs = Math.min(asOfMs, window.endMs - 1);
  if (lastMs < window.startMs) return [];
  const last = monthOf(lastMs);
  const months: string[] = [];
  let [year, month] = monthOf(window.startMs).split('-').map(Number) as [number, number];
  for (;;) {
    const key = `${String(year)}-${String(month).padStart(2, '0')}`;
    months.push(key);
    if (key >= last) return months;
    month += 1;
    if (month > 12) [year, month] = [year + 1, 1];
  }
}
