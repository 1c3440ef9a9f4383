// The benchmark's own pieces that can be checked without servers: percentiles, the synthetic
// records (valid for the registry, unique, every level), the query mix.
import { isCcsCode, isIcsCode } from '@highland/reference-data';
import { describe, expect, it } from 'vitest';
// The registry's own input schema: what POST /standards and POST /import accept. Reached into on
// purpose, so a change in the registry's rules fails here rather than in a 100,000-record run.
import { RegisterStandardInput } from '../../../services/registry/src/commands/register-standard.js';
import { RecordGenerator } from '../src/records.js';
import { queryPaths } from '../src/query-mix.js';
import { percentile, summarize, windowed } from '../src/stats.js';

describe('percentile', () => {
  it('is the nearest rank', () => {
    const xs = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(xs, 50)).toBe(50);
    expect(percentile(xs, 99)).toBe(99);
    expect(percentile(xs, 100)).toBe(100);
    expect(percentile([7], 99)).toBe(7);
    expect(Number.isNaN(percentile([], 50))).toBe(true);
    expect(summarize([3, 1, 2])).toMatchObject({ count: 3, p50: 2, max: 3, mean: 2 });
  });

  it('windowed runs every index once with at most `window` in flight', async () => {
    let inFlight = 0;
    let most = 0;
    const seen: number[] = [];
    await windowed(100, 7, async (i) => {
      most = Math.max(most, ++inFlight);
      await new Promise((r) => setTimeout(r, 1));
      seen.push(i);
      inFlight--;
    });
    expect(most).toBe(7);
    expect(seen.sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i));
  });
});

describe('synthetic standard records', () => {
  const generator = new RecordGenerator(42);
  const records = generator.many(5_000);

  it('are accepted by the registry, with the code already in its normalised form', () => {
    for (const r of records) {
      const parsed = RegisterStandardInput.safeParse(r);
      expect(parsed.success, `${r.code}: ${JSON.stringify(parsed.error?.issues)}`).toBe(true);
      expect(parsed.data!.code.normalized).toBe(r.code);
    }
  });

  it('cover every level, with ICS and CCS codes from the official lists', () => {
    const levels = new Set(records.map((r) => RegisterStandardInput.parse(r).code.level));
    expect([...levels].sort()).toEqual(
      ['enterprise', 'foreign', 'group', 'industry', 'international', 'local', 'national'].sort(),
    );
    expect(records.every((r) => r.ics.every(isIcsCode) && r.ccs.every(isCcsCode))).toBe(true);
    expect(new Set(records.map((r) => r.work.kind))).toEqual(new Set(['formulate', 'existing']));
  });

  it('never repeat a code, also across a generator that continues from the counters', () => {
    const more = new RecordGenerator(43, generator.snapshot()).many(5_000);
    const codes = [...records, ...more].map((r) => r.code);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('are the same for the same seed', () => {
    expect(new RecordGenerator(42).many(50)).toEqual(records.slice(0, 50));
  });

  it('give queries with valid filters and date ranges', () => {
    for (const path of queryPaths(records, 500)) {
      const q = new URLSearchParams(path.split('?')[1]);
      const from = q.get('publishedFrom');
      const to = q.get('publishedTo');
      if (from && to) expect(from <= to).toBe(true);
      expect(Number(q.get('limit'))).toBeLessThanOrEqual(500);
    }
  });
});
