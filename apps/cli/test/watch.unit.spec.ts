import { describe, expect, it } from 'vitest';
import { formatProgress } from '../src/commands/watch.js';

describe('watch output', () => {
  const base = { position: 'r3.p0', planId: 'district-2015', expectedByNow: 3 };
  it('shows value, target and status of each kind of target', () => {
    expect(
      formatProgress(
        {
          ...base,
          indicatorId: 'intl-adopted',
          value: 1,
          status: 'behind',
          target: { kind: 'range', min: 3, max: 5 },
        },
        false,
      ),
    ).toMatch(/intl-adopted\s+1\s+target 3-5\s+behind\s+@r3\.p0$/);
    expect(
      formatProgress(
        {
          ...base,
          indicatorId: 'adoption-rate',
          value: 85,
          status: 'attained',
          target: { kind: 'percentage', min: 85 },
        },
        false,
      ),
    ).toContain('85%  target >=85%');
    expect(
      formatProgress(
        {
          ...base,
          indicatorId: 'total-rank',
          value: 4,
          rank: 2,
          groupSize: 5,
          status: 'attained',
          target: { kind: 'comparative', rankAtMost: 3 },
        },
        false,
      ),
    ).toContain('rank 2/5  target rank<=3');
    expect(
      formatProgress(
        {
          ...base,
          indicatorId: 'ag-zone-national',
          value: null,
          status: 'no-data-source',
          target: { kind: 'floor', min: 3 },
        },
        false,
      ),
    ).toContain('—');
  });

  it('colours statuses only for a terminal', () => {
    const line = formatProgress(
      { ...base, indicatorId: 'x', value: 5, status: 'attained', target: { kind: 'floor', min: 3 } },
      true,
    );
    expect(line).toContain('\x1b[32mattained\x1b[0m');
  });
});
