import { describe, expect, it } from 'vitest';
import { ccsEntries, ccsEntry, isCcsCode } from '../src/index.js';

describe('CCS', () => {
  it('loads the three levels with the counts of the official lists', () => {
    const all = [...ccsEntries().values()];
    expect(all.filter((e) => e.level === 1)).toHaveLength(24);
    expect(all.filter((e) => e.level === 2)).toHaveLength(225);
    expect(all.filter((e) => e.level === 3)).toHaveLength(1608);
  });

  it('resolves codes of every level, with the BOM stripped from the first one', () => {
    expect(ccsEntry('A')).toEqual({ code: 'A', nameZh: '综合', level: 1 });
    expect(ccsEntry('A00/09')).toMatchObject({ nameZh: '标准化管理与一般规定', level: 2, parent: 'A' });
    expect(ccsEntry('A00')).toMatchObject({ nameZh: '标准化、质量管理', level: 3, parent: 'A00/09' });
    expect(ccsEntry('A00')?.notesZh).toContain('质量监督法规');
    expect(ccsEntry('X')?.nameZh).toBe('食品');
  });

  it('normalises case and surrounding space', () => {
    expect(isCcsCode(' a00 ')).toBe(true);
  });

  it('rejects unknown codes', () => {
    expect(isCcsCode('A03')).toBe(false);
    expect(isCcsCode('I')).toBe(false);
    expect(isCcsCode('A00/10')).toBe(false);
    expect(isCcsCode('')).toBe(false);
  });

  it('corrects the two upstream transcription slips', () => {
    expect(ccsEntry('K22')).toMatchObject({ nameZh: '异步电机', parent: 'K20/29' });
    expect(ccsEntry('D50')).toMatchObject({ nameZh: '非金属矿综合', parent: 'D50/59' });
    expect(isCcsCode('FF2')).toBe(false);
    expect(isCcsCode('D47')).toBe(false);
  });

  it('places every level-3 class inside its parent range, and every range under its letter', () => {
    for (const entry of ccsEntries().values()) {
      if (entry.level === 1) continue;
      const parent = ccsEntry(entry.parent ?? '');
      expect(parent?.level, entry.code).toBe(entry.level - 1);
      if (entry.level === 3) {
        const [, from = '', to = ''] = /^[A-Z](\d{2})\/(\d{2})$/.exec(entry.parent ?? '') ?? [];
        const n = Number(entry.code.slice(1));
        expect(entry.code[0]).toBe(entry.parent?.[0]);
        expect(n >= Number(from) && n <= Number(to), entry.code).toBe(true);
      }
    }
  });
});
