import { describe, expect, it } from 'vitest';
import { move, NEXT, STATE_AFTER, ZONE_STATES } from '../../src/domain/lifecycle.js';
import { hectaresFromMu } from '../../src/domain/area.js';
import { zoneId } from '../../src/domain/ids.js';
import { standardKey } from '../../src/domain/standard-code.js';

describe('zone lifecycle', () => {
  it('allows exactly the transitions of the table, and names the allowed ones otherwise', () => {
    for (const from of ZONE_STATES)
      for (const to of ZONE_STATES) {
        const m = move(from, to);
        expect(m.ok, `${from} → ${to}`).toBe(NEXT[from].includes(to));
        if (!m.ok) {
          expect(m.current).toBe(from);
          expect(m.allowed).toEqual(NEXT[from]);
          expect(m.reason).toContain(from);
        }
      }
  });

  it('runs proposal to acceptance, with as many rectification loops as the authority wants', () => {
    const path = [
      'proposed',
      'applied',
      'approved',
      'under-construction',
      'midterm-reviewed',
      'inspected',
      'rectification-required',
      'inspected',
      'rectification-required',
      'inspected',
      'passed',
      'expired',
    ] as const;
    for (let i = 1; i < path.length; i++) expect(move(path[i - 1]!, path[i]!).ok).toBe(true);
  });

  it('keeps failed, revoked and expired final, and every state reachable from proposed', () => {
    for (const s of ['failed', 'revoked', 'expired'] as const) expect(NEXT[s]).toEqual([]);
    const seen = new Set<string>(['proposed']);
    const queue = ['proposed'] as (keyof typeof NEXT)[];
    while (queue.length)
      for (const n of NEXT[queue.shift()!])
        if (!seen.has(n)) {
          seen.add(n);
          queue.push(n);
        }
    expect([...seen].sort()).toEqual([...ZONE_STATES].sort());
    expect(new Set(Object.values(STATE_AFTER))).toEqual(new Set(ZONE_STATES));
  });

  it('says the mid-term review is optional and a passed zone cannot be inspected again', () => {
    expect(move('under-construction', 'inspected').ok).toBe(true);
    const m = move('passed', 'inspected');
    expect(m).toMatchObject({ ok: false, current: 'passed', allowed: ['revoked', 'expired'] });
  });
});

describe('zone value objects', () => {
  it('derives hectares from mu (1 ha = 15 mu)', () => {
    expect(hectaresFromMu(15)).toBe(1);
    expect(hectaresFromMu(15000)).toBe(1000);
    expect(hectaresFromMu(1)).toBe(0.0667);
  });

  it('gives the same id to the same name however it is spaced or cased', () => {
    expect(zoneId('Gulou  Loquat zone ')).toBe(zoneId('gulou loquat zone'));
    expect(zoneId('Gulou loquat zone')).not.toBe(zoneId('Shuangfeng peach zone'));
    expect(zoneId('x')).toMatch(/^zone-[\w-]{22}$/);
  });

  it('matches standard codes however they were typed', () => {
    expect(standardKey('gb/t 19001－2016')).toBe('GB/T 19001-2016');
    expect(standardKey('DB50 / T 1234 – 2014')).toBe('DB50/T 1234-2014');
    expect(standardKey('ＧＢ/Ｔ 19001-2016')).toBe('GB/T 19001-2016');
  });
});
