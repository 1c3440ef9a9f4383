import { describe, expect, it } from 'vitest';
import { formatPosition, parsePosition } from '../../src/view/reporting-state.js';

describe('positions in the event history (SSE event ids)', () => {
  it('name every followed stream, and read back what they wrote', () => {
    const p = { registry: 30, reporting: 3, tbt: 6 };
    expect(formatPosition(p)).toBe('r30.p3.t6');
    expect(parsePosition(formatPosition(p))).toEqual(p);
  });

  it('read a name from before TBT was followed as t0, and refuse anything else', () => {
    expect(parsePosition('r12.p0')).toEqual({ registry: 12, reporting: 0, tbt: 0 });
    expect(parsePosition('r12')).toBeUndefined();
    expect(parsePosition('r1.p2.t3.x4')).toBeUndefined();
    expect(parsePosition('r-1.p0.t0')).toBeUndefined();
  });
});
