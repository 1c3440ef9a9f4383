// A crashed service is restarted with backoff: doubling while it keeps crashing, capped, and back to
// the first delay once it stayed up a while.
import { describe, expect, it } from 'vitest';
import { RESTART, restartDelay } from '../src/commands/up.js';

describe('restartDelay', () => {
  it('doubles from the first delay to the ceiling while the service keeps crashing', () => {
    const delays: number[] = [];
    let d: number | undefined;
    for (let i = 0; i < 10; i++) delays.push((d = restartDelay(d, 1_000)));
    expect(delays.slice(0, 4)).toEqual([500, 1_000, 2_000, 4_000]);
    expect(Math.max(...delays)).toBe(RESTART.maxMs);
    expect(delays.at(-1)).toBe(RESTART.maxMs);
  });

  it('starts over after the service stayed up long enough', () => {
    expect(restartDelay(16_000, RESTART.stableMs)).toBe(RESTART.firstMs);
    expect(restartDelay(16_000, RESTART.stableMs - 1)).toBe(30_000);
  });
});
