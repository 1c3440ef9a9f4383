import { eventProducers } from '@highland/contracts';
import { describe, expect, it } from 'vitest';
import { formatPosition, parsePosition, PositionFormat } from '../../src/view/position.js';

describe('positions in the event history (SSE event ids)', () => {
  it('name every followed stream, and read back what they wrote', () => {
    const p = { incentives: 9, registry: 30, reporting: 3, tbt: 6, zones: 2 };
    expect(formatPosition(p)).toBe('i9.r30.p3.t6.z2');
    expect(parsePosition(formatPosition(p))).toEqual(p);
  });

  it('read a name from before TBT was followed as t0, and refuse anything else', () => {
    expect(parsePosition('r12.p0')).toEqual({ incentives: 0, registry: 12, reporting: 0, tbt: 0, zones: 0 });
    expect(parsePosition('r12')).toBeUndefined();
    expect(parsePosition('r1.p2.t3.x4')).toBeUndefined();
    expect(parsePosition('r-1.p0.t0')).toBeUndefined();
  });

  it('follow a service added to the producers: its tag is named, and older names read it as 0', () => {
    const positions = new PositionFormat([...eventProducers, { name: 'zones-test', positionTag: 'zt' }]);
    const p = { incentives: 2, registry: 12, reporting: 3, tbt: 4, zones: 5, 'zones-test': 7 };
    expect(positions.format(p)).toBe('i2.r12.p3.t4.z5.zt7');
    expect(positions.parse('i2.r12.p3.t4.z5.zt7')).toEqual(p);
    expect(positions.parse('r12.p3.t4')).toEqual({ ...p, incentives: 0, zones: 0, 'zones-test': 0 });
    expect(positions.parse('r12.p3')).toEqual({ ...p, incentives: 0, tbt: 0, zones: 0, 'zones-test': 0 });
  });

  it('refuse repeated, disordered or unknown tags, and a name without reporting’s own stream', () => {
    const positions = new PositionFormat([...eventProducers, { name: 'zones-test', positionTag: 'zt' }]);
    for (const text of [
      'r1.r2.p0',
      'p0.r1',
      'r1.p0.q2',
      'r1.t3',
      '',
      'r1.p0.',
      'r1.p0.zt',
      'r1.p99999999999999999',
    ])
      expect(positions.parse(text), text).toBeUndefined();
  });

  it('refuse a followed service whose tag is taken or malformed', () => {
    expect(() => new PositionFormat([...eventProducers, { name: 'zones-test', positionTag: 'r' }])).toThrow(
      /declared twice/,
    );
    expect(() => new PositionFormat([{ name: 'zones-test', positionTag: 'Z1' }])).toThrow(/must match/);
  });
});
