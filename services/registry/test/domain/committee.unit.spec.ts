import { describe, expect, it } from 'vitest';
import { parseCommitteeRef } from '../../src/domain/committee.js';

describe('committee references', () => {
  it('parses national TCs, SCs and WGs and writes them canonically', () => {
    expect(parseCommitteeRef('SAC/TC 184')).toEqual({
      ok: true,
      committee: { normalized: 'SAC/TC 184', scope: 'national', body: 'SAC', tc: 184 },
    });
    expect(parseCommitteeRef('sac/tc184/sc5')).toMatchObject({
      ok: true,
      committee: { normalized: 'SAC/TC 184/SC 5', tc: 184, sc: 5 },
    });
    expect(parseCommitteeRef('ＳＡＣ／ＴＣ　１８４／ＳＣ　５／ＷＧ　２')).toMatchObject({
      ok: true,
      committee: { normalized: 'SAC/TC 184/SC 5/WG 2', wg: 2 },
    });
    expect(parseCommitteeRef('SAC/TC 28/WG 1')).toMatchObject({
      ok: true,
      committee: { normalized: 'SAC/TC 28/WG 1' },
    });
  });

  it('validates ISO committees against the official list', () => {
    const tc74 = parseCommitteeRef('ISO/TC 74');
    expect(tc74).toMatchObject({
      ok: true,
      committee: { normalized: 'ISO/TC 74', scope: 'iso', body: 'ISO', tc: 74 },
    });
    expect(parseCommitteeRef('iso/tc 184/sc5')).toMatchObject({
      ok: true,
      committee: { normalized: 'ISO/TC 184/SC 5', sc: 5, iso: { reference: 'ISO/TC 184/SC 5' } },
    });
    expect(parseCommitteeRef('ISO/IEC JTC 1/SC 27')).toMatchObject({
      ok: true,
      committee: { body: 'ISO/IEC' },
    });
    expect(parseCommitteeRef('ISO/PC 302')).toMatchObject({ ok: true });
    expect(parseCommitteeRef('ISO/WS ESG')).toMatchObject({
      ok: true,
      committee: { normalized: 'ISO/WS ESG' },
    });
  });

  it('accepts an ISO working group whose parent committee is listed', () => {
    expect(parseCommitteeRef('ISO/TC 184/SC 5/WG 4')).toMatchObject({
      ok: true,
      committee: { normalized: 'ISO/TC 184/SC 5/WG 4', wg: 4, iso: { reference: 'ISO/TC 184/SC 5' } },
    });
  });

  it('refuses unknown ISO committees and malformed references', () => {
    expect(parseCommitteeRef('ISO/TC 9999')).toEqual({
      ok: false,
      error: { reason: "unknown ISO committee 'ISO/TC 9999'" },
    });
    expect(parseCommitteeRef('ISO/TC 184/SC 99/WG 1')).toEqual({
      ok: false,
      error: { reason: "unknown ISO committee 'ISO/TC 184/SC 99'" },
    });
    expect(parseCommitteeRef('SAC/TC 0').ok).toBe(false);
    expect(parseCommitteeRef('SAC/TC')).toMatchObject({
      ok: false,
      error: { reason: expect.stringContaining('malformed national committee') as unknown },
    });
    expect(parseCommitteeRef('ABC/TC 1')).toMatchObject({ ok: false });
    expect(parseCommitteeRef('  ')).toEqual({ ok: false, error: { reason: 'committee reference is empty' } });
  });
});
