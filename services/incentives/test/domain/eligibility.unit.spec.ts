import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/domain/eligibility.js';
import { facts, programme, rid, standard, WAN } from '../fixtures.js';

const ME = 'Gulou Machinery Co';

describe('eligibility', () => {
  it('pays a national standard led alone 20, and explains every tier tried', () => {
    const r = evaluate(
      programme(),
      ME,
      [{ source: 'registry', ref: 'GB/T 1234.1-2025' }],
      facts({ [rid('std', 1)]: standard() }),
    );
    expect(r.eligible).toBe(true);
    expect(r.outcomes[0]).toMatchObject({
      eligible: true,
      rule: 'led-standard',
      tier: 'national',
      amountFen: 20 * WAN,
    });
    expect(r.checks.filter((c) => c.rule === 'led-standard')).toHaveLength(5);
    expect(r.checks.find((c) => c.tier === 'industry')).toMatchObject({
      passed: false,
      reason: 'level national, not industry',
    });
    expect(r.eligibleFen).toBe(20 * WAN);
  });

  it('splits a national standard 25 + 15 between the first and the second drafting unit', () => {
    const f = facts({ [rid('std', 1)]: standard({ participants: ['Second Unit Ltd'] }) });
    const first = evaluate(programme(), ME, [{ source: 'registry', ref: rid('std', 1), role: 'first' }], f);
    const second = evaluate(
      programme(),
      'Second Unit Ltd',
      [{ source: 'registry', ref: rid('std', 1), role: 'second' }],
      f,
    );
    expect(first.outcomes[0]!.amountFen).toBe(25 * WAN);
    expect(second.outcomes[0]!.amountFen).toBe(15 * WAN);
    expect(first.outcomes[0]!.key).not.toBe(second.outcomes[0]!.key);
  });

  it('refuses an applicant who is not the drafting unit it claims to be, naming the item', () => {
    const r = evaluate(
      programme(),
      'Someone Else',
      [{ source: 'registry', ref: rid('std', 1) }],
      facts({ [rid('std', 1)]: standard() }),
    );
    expect(r.eligible).toBe(false);
    expect(r.errors).toEqual([
      { field: 'body.items.0.ref', reason: expect.stringContaining('not the applicant') as string },
    ]);
  });

  it('gives a revision at most half (the programme percentage)', () => {
    const r = evaluate(
      programme(),
      ME,
      [{ source: 'registry', ref: rid('std', 1) }],
      facts({ [rid('std', 1)]: standard({ work: { kind: 'revise', replaces: 'GB/T 1234.1-2010' } }) }),
    );
    expect(r.outcomes[0]!.amountFen).toBe(10 * WAN);
  });

  it('rewards a standard series once', () => {
    const f = facts({ [rid('std', 1)]: standard(), [rid('std', 2)]: standard({ code: 'GB/T 1234.2-2025' }) });
    const r = evaluate(
      programme(),
      ME,
      [
        { source: 'registry', ref: rid('std', 1) },
        { source: 'registry', ref: rid('std', 2) },
      ],
      f,
    );
    expect(r.outcomes.map((o) => o.eligible)).toEqual([true, false]);
    expect(r.errors[0]).toEqual({ field: 'body.items.1.ref', reason: 'a standard series is rewarded once' });
    const separately = evaluate(
      programme({ seriesOnce: false }),
      ME,
      [
        { source: 'registry', ref: rid('std', 1) },
        { source: 'registry', ref: rid('std', 2) },
      ],
      f,
    );
    expect(separately.eligible).toBe(true);
  });

  it('tells provincial from municipal agricultural local standards', () => {
    const f = facts({
      [rid('std', 1)]: standard({ level: 'local', body: 'DB50', code: 'DB50/T 1-2025' }),
      [rid('std', 2)]: standard({ level: 'local', body: 'DB5001', code: 'DB5001/T 2-2025', ccs: ['B31'] }),
      [rid('std', 3)]: standard({ level: 'local', body: 'DB5001', code: 'DB5001/T 3-2025', ccs: ['J04'] }),
    });
    const r = evaluate(
      programme(),
      ME,
      [1, 2, 3].map((n) => ({ source: 'registry' as const, ref: rid('std', n) })),
      f,
    );
    expect(r.outcomes.map((o) => o.amountFen)).toEqual([3 * WAN, 1.5 * WAN, 0]);
    expect(r.outcomes[2]!.reason).toContain('CCS J04 outside B');
  });

  it('refuses a standard not published, withdrawn, or published outside the period', () => {
    const f = facts({
      [rid('std', 1)]: standard({ stage: 'drafting', publishedOn: undefined }),
      [rid('std', 2)]: standard({ code: 'GB/T 2-2020', publishedOn: '2020-01-01' }),
      [rid('std', 3)]: standard({ code: 'GB/T 3-2025', stage: 'withdrawn', withdrawnOn: '2025-09-01' }),
    });
    const r = evaluate(
      programme(),
      ME,
      [1, 2, 3].map((n) => ({ source: 'registry' as const, ref: rid('std', n) })),
      f,
    );
    expect(r.outcomes.map((o) => o.eligible)).toEqual([false, false, false]);
    expect(r.outcomes[0]!.reason).toContain('not published');
    expect(r.outcomes[1]!.reason).toContain('outside');
    expect(r.outcomes[2]!.reason).toContain('withdrawn');
  });

  it('pays a national TC secretariat 30 and an SC secretariat 10, not a member', () => {
    const seat = (committee: string, role: 'secretariat' | 'member') => ({
      kind: 'committee-seat' as const,
      committee,
      committeeLevel: 'national' as const,
      memberKind: 'enterprise' as const,
      holder: ME,
      role,
      from: '2025-01-01',
      active: true,
    });
    const f = facts({
      [rid('seat', 1)]: seat('SAC/TC 184', 'secretariat'),
      [rid('seat', 2)]: seat('SAC/TC 184/SC 5', 'secretariat'),
      [rid('seat', 3)]: seat('SAC/TC 9', 'member'),
    });
    const r = evaluate(
      programme(),
      ME,
      [1, 2, 3].map((n) => ({ source: 'registry' as const, ref: rid('seat', n) })),
      f,
    );
    expect(r.outcomes.map((o) => o.amountFen)).toEqual([30 * WAN, 10 * WAN, 0]);
  });

  it('answers an unknown item with its field, and an item no rule rewards', () => {
    const r = evaluate(
      programme(),
      ME,
      [
        { source: 'registry', ref: 'GB/T 9999-2025' },
        { source: 'registry', ref: rid('fil', 1) },
      ],
      facts({
        [rid('fil', 1)]: {
          kind: 'filing',
          enterprise: ME,
          product: 'pump',
          standardCode: 'Q/GL 1-2025',
          filedOn: '2025-03-01',
        },
      }),
    );
    expect(r.errors.map((e) => e.field)).toEqual(['body.items.0.ref', 'body.items.1.ref']);
    expect(r.errors[0]!.reason).toContain('is known');
    expect(r.errors[1]!.reason).toContain('no rule');
  });

  it('caps the total at the per-applicant cap and the yearly cap left', () => {
    const f = facts({
      [rid('std', 1)]: standard({ level: 'international', code: 'ISO 1-2025', body: 'ISO' }),
      [rid('std', 2)]: standard({ code: 'GB/T 2-2025' }),
    });
    const items = [1, 2].map((n) => ({ source: 'registry' as const, ref: rid('std', n) }));
    expect(evaluate(programme({ perApplicantCapFen: 40 * WAN }), ME, items, f).eligibleFen).toBe(40 * WAN);
    expect(
      evaluate(programme({ yearlyCapPerEnterpriseFen: 100 * WAN }), ME, items, f, 90 * WAN).eligibleFen,
    ).toBe(10 * WAN);
  });

  it('tops up a declared higher-level grant by the percentage, in whole fen', () => {
    const r = evaluate(
      programme(),
      ME,
      [{ source: 'grant', ref: 'MOF [2025] 12', grantFen: 333 }],
      facts({}),
    );
    expect(r.outcomes[0]).toMatchObject({ eligible: true, amountFen: 166 });
  });

  it('pays a national agricultural zone passed and undertaken by the applicant, not a revoked one', () => {
    const zone = {
      kind: 'zone' as const,
      name: 'Loquat zone',
      zoneKind: 'agricultural',
      undertaking: ME,
      passedLevel: 'national',
      passedOn: '2025-10-01',
    };
    const f = facts({}, { 'zone-a': zone, 'zone-b': { ...zone, revokedOn: '2025-11-01' } });
    const r = evaluate(
      programme(),
      ME,
      [
        { source: 'zones', ref: 'zone-a' },
        { source: 'zones', ref: 'zone-b' },
      ],
      f,
    );
    expect(r.outcomes.map((o) => o.amountFen)).toEqual([5 * WAN, 0]);
    expect(r.outcomes[1]!.reason).toContain('revoked');
  });
});
