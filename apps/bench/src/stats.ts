/** Figures and their printing. Percentiles are nearest-rank over a sorted copy: exact, no dependency. */

export function percentile(sortedAscending: readonly number[], p: number): number {
  if (sortedAscending.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sortedAscending.length);
  return sortedAscending[Math.min(sortedAscending.length, Math.max(1, rank)) - 1]!;
}

export interface LatencySummary {
  count: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  mean: number;
}

export function summarize(latenciesMs: readonly number[]): LatencySummary {
  const sorted = [...latenciesMs].sort((a, b) => a - b);
  const sum = sorted.reduce((s, v) => s + v, 0);
  return {
    count: sorted.length,
    p50: percentile(sorted, 50),
    p90: percentile(sorted, 90),
    p99: percentile(sorted, 99),
    max: sorted.at(-1) ?? Number.NaN,
    mean: sorted.length ? sum / sorted.length : Number.NaN,
  };
}

/** Events (or records) per second. */
export const rate = (count: number, elapsedMs: number): number => (count * 1000) / elapsedMs;

export const ratio = (a: number | undefined, b: number | undefined): number | undefined =>
  a === undefined || b === undefined || b === 0 ? undefined : a / b;

const grouped = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

export const fmtInt = (n: number): string => grouped.format(Math.round(n));
export const fmtRate = (n: number | undefined): string => (n === undefined ? 'n/a' : `${fmtInt(n)}/s`);
export const fmtMs = (n: number | undefined): string =>
  n === undefined || Number.isNaN(n) ? 'n/a' : n < 10 ? `${n.toFixed(2)} ms` : `${n.toFixed(1)} ms`;
export const fmtS = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
/** Ratios and the final machine-readable line: two decimals, `n/a` when not measured. */
export const fmtRatio = (n: number | undefined): string => (n === undefined ? 'n/a' : n.toFixed(2));
export const fmtNum = (n: number | undefined, digits = 1): string =>
  n === undefined || Number.isNaN(n) ? 'n/a' : n.toFixed(digits);

/** A plain-text table: first row is the header; numeric-looking cells are right-aligned. */
export function table(rows: readonly (readonly string[])[]): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  const numeric = (s: string) => /^[+\d.,/sxm %n-]+$/.test(s) && /\d/.test(s);
  const line = (row: readonly string[]) =>
    row
      .map((cell, i) => (i > 0 && numeric(cell) ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  const [head, ...body] = rows;
  if (!head) return '';
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

/** Runs `send(i)` for i in [0, n) with at most `window` calls in flight; returns the elapsed ms. */
export async function windowed(
  n: number,
  window: number,
  send: (i: number) => Promise<unknown>,
): Promise<number> {
  let next = 0;
  const started = performance.now();
  const lane = async () => {
    for (let i = next++; i < n; i = next++) await send(i);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(window, n)) }, lane));
  return performance.now() - started;
}

/** A counter that resolves a promise when it reaches a target. */
export class Countdown {
  count = 0;
  private target = Number.POSITIVE_INFINITY;
  private resolve?: () => void;

  hit(): void {
    if (++this.count >= this.target) this.resolve?.();
  }

  /** Resolves true when `target` hits have been counted, false after `timeoutMs`. */
  until(target: number, timeoutMs: number): Promise<boolean> {
    this.target = target;
    if (this.count >= target) return Promise.resolve(true);
    return new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      this.resolve = () => {
        clearTimeout(timer);
        resolve(true);
      };
    });
  }

  reset(): void {
    this.count = 0;
    this.target = Number.POSITIVE_INFINITY;
    this.resolve = undefined;
  }
}
