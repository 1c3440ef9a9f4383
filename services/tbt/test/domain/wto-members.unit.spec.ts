import {
  euMemberStates,
  findWtoMember,
  isWtoMember,
  marketsCovering,
  wtoMember,
  wtoMemberByName,
  wtoMembers,
} from '@highland/reference-data';
import { describe, expect, it } from 'vitest';

// The list lives in libs/reference-data (data/wto/members.json); its rules are tested here,
// beside the TBT matching that depends on them.
describe('WTO members', () => {
  it('lists the 166 members, the EU among them, with unique codes', () => {
    const members = wtoMembers();
    expect(members).toHaveLength(166);
    expect(new Set(members.map((m) => m.code)).size).toBe(166);
    expect(new Set(members.map((m) => m.iso2)).size).toBe(166);
    expect(wtoMember('EU')?.name).toBe('European Union');
  });

  it('has the 27 EU member States, each also a WTO member', () => {
    const states = euMemberStates().map((m) => m.code);
    expect(states).toHaveLength(27);
    expect(states).toEqual(
      expect.arrayContaining([
        'DEU',
        'FRA',
        'ITA',
        'ESP',
        'NLD',
        'POL',
        'HRV',
        'CYP',
        'MLT',
        'LUX',
        'IRL',
        'SWE',
      ]),
    );
    expect(states).not.toContain('GBR');
    expect(states.every(isWtoMember)).toBe(true);
  });

  it('finds members by symbol code, older code, ISO alpha-2, any case', () => {
    expect(wtoMember('chn')?.code).toBe('CHN');
    expect(wtoMember('EEC')?.code).toBe('EU');
    expect(wtoMember('DE')?.code).toBe('DEU');
    expect(wtoMember('TPKM')?.name).toBe('Chinese Taipei');
    expect(wtoMember('HKG')?.name).toBe('Hong Kong, China');
    expect(wtoMember('XYZ')).toBeUndefined();
    expect(isWtoMember('IRN')).toBe(false);
  });

  it('finds members by the names ePing exports use', () => {
    for (const [name, code] of [
      ['United States of America', 'USA'],
      ['Russian Federation', 'RUS'],
      ['Chinese Taipei', 'TPKM'],
      ['European Union', 'EU'],
      ['Korea, Republic of', 'KOR'],
      ['Republic of Korea', 'KOR'],
      ["cote d'ivoire", 'CIV'],
      ['Turkey', 'TUR'],
      ['Türkiye', 'TUR'],
      ['Viet Nam', 'VNM'],
      ['Gambia', 'GMB'],
      ['Saudi Arabia', 'SAU'],
    ] as const) {
      expect(wtoMemberByName(name)?.code, name).toBe(code);
    }
    expect(findWtoMember('Malawi')?.code).toBe('MWI');
    expect(findWtoMember('mwi')?.code).toBe('MWI');
    expect(findWtoMember('Atlantis')).toBeUndefined();
  });

  it('marketsCovering: EU notifications concern every member State; a State’s concern the EU too', () => {
    const eu = marketsCovering('EU');
    expect(eu).toHaveLength(28);
    expect(eu).toContain('DEU');
    expect(marketsCovering('EEC')).toEqual(eu);
    expect([...marketsCovering('DEU')].sort()).toEqual(['DEU', 'EU']);
    expect(marketsCovering('USA')).toEqual(['USA']);
    expect(marketsCovering('GBR')).toEqual(['GBR']);
    expect(marketsCovering('XYZ')).toEqual([]);
  });
});
