import { describe, expect, it } from 'vitest';
import { hsEntries, hsEntry, hsSections, isHsCode } from '../src/index.js';

describe('HS 2022', () => {
  it("loads 6,936 codes: the 6,940 rows less UN Comtrade's TOTAL row and chapter 99", () => {
    const all = [...hsEntries().values()];
    expect(all).toHaveLength(6936);
    expect(all.filter((e) => e.level === 2)).toHaveLength(96);
    expect(all.filter((e) => e.level === 4)).toHaveLength(1228);
    expect(all.filter((e) => e.level === 6)).toHaveLength(5612);
    for (const code of ['TOTAL', '99', '9999', '999999', '77']) expect(isHsCode(code), code).toBe(false);
  });

  it('resolves subheadings, headings and chapters', () => {
    expect(hsEntry('850440')).toEqual({
      code: '850440',
      description: 'Electrical static converters',
      level: 6,
      parent: '8504',
      section: 'XVI',
    });
    expect(hsEntry('8504')).toMatchObject({ level: 4, parent: '85' });
    expect(hsEntry('85')?.parent).toBeUndefined();
    expect(hsEntry('0101')?.description).toBe('Horses, asses, mules and hinnies; live');
  });

  it('accepts the dotted print form and rejects unknown codes', () => {
    expect(isHsCode('8504.40')).toBe(true);
    expect(isHsCode('850499')).toBe(false);
    expect(isHsCode('85044')).toBe(false);
    expect(isHsCode('')).toBe(false);
  });

  it('ships the 21 sections, and every code names one of them', () => {
    const sections = hsSections();
    expect(sections).toHaveLength(21);
    expect(sections[0]).toEqual({ section: 'I', name: 'live animals; animal products' });
    const names = new Set(sections.map((s) => s.section));
    for (const entry of hsEntries().values()) expect(names.has(entry.section), entry.code).toBe(true);
  });
});
