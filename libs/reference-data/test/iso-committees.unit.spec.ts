import { describe, expect, it } from 'vitest';
import { isoCommittee, isoCommittees } from '../src/index.js';

describe('ISO committees', () => {
  it('loads all 785 committees, subcommittees and other bodies', () => {
    expect(isoCommittees().size).toBe(785);
    const statuses = new Set([...isoCommittees().values()].map((c) => c.status));
    expect(statuses).toEqual(new Set(['Active', 'Suspended']));
  });

  it('resolves a TC with its title, secretariat and members', () => {
    const tc176 = isoCommittee('ISO/TC 176');
    expect(tc176).toMatchObject({
      reference: 'ISO/TC 176',
      title: 'Quality management and quality assurance',
      status: 'Active',
      secretariat: 'SCC',
      creationDate: '1979-01-01',
    });
    expect(tc176?.pMembers).toContain('SAC');
    expect(tc176?.parentId).toBeUndefined();
  });

  it('resolves subcommittees and links them to their parent TC', () => {
    const sc5 = isoCommittee('ISO/TC 184/SC 5');
    expect(sc5?.title).toMatch(/^Interoperability, integration/);
    expect(sc5?.parentId).toBe(isoCommittee('ISO/TC 184')?.id);
    expect(isoCommittee('ISO/IEC JTC 1/SC 27')).toBeDefined();
    expect(isoCommittee('ISO/TC 74')).toBeDefined();
  });

  it('ignores case and spacing, and rejects unknown references', () => {
    expect(isoCommittee(' iso/tc  176 ')?.reference).toBe('ISO/TC 176');
    expect(isoCommittee('ISO / TC 184 / SC 5')?.reference).toBe('ISO/TC 184/SC 5');
    expect(isoCommittee('ISO/IEC JTC 4')?.reference).toBe('ISO/IEC/JTC 4');
    expect(isoCommittee('ISO/IEC/JTC 1')?.reference).toBe('ISO/IEC JTC 1');
    expect(isoCommittee('ISO/TC 9999')).toBeUndefined();
    expect(isoCommittee('SAC/TC 184')).toBeUndefined();
  });
});
