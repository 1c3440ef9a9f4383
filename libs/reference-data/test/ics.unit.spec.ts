import { describe, expect, it } from 'vitest';
import { icsEntries, icsEntry, icsPrefixMatch, isIcsCode, parseIcsXml } from '../src/index.js';

describe('ICS', () => {
  it('loads every field, group and sub-group of the shipped edition', () => {
    const all = [...icsEntries().values()];
    expect(all).toHaveLength(1381);
    expect(all.filter((e) => e.level === 'field')).toHaveLength(40);
    expect(all.filter((e) => e.level === 'group')).toHaveLength(401);
    expect(all.filter((e) => e.level === 'subgroup')).toHaveLength(940);
  });

  it('resolves a sub-group with its titles and parent', () => {
    expect(icsEntry('03.120.10')).toEqual({
      code: '03.120.10',
      titleEn: 'Quality management and quality assurance',
      titleFr: 'Management et assurance de la qualité',
      level: 'subgroup',
      parent: '03.120',
    });
    expect(icsEntry('03.120')).toMatchObject({ level: 'group', parent: '03' });
    expect(icsEntry('03')).toMatchObject({ level: 'field' });
    expect(icsEntry('03')?.parent).toBeUndefined();
  });

  it('keeps leading zeros (identifiers are text, not numbers)', () => {
    expect(isIcsCode('01')).toBe(true);
    expect(isIcsCode('01.020')).toBe(true);
    expect(isIcsCode('1')).toBe(false);
  });

  it('rejects unknown and malformed codes', () => {
    expect(isIcsCode('03.120.11')).toBe(false);
    expect(isIcsCode('99.999')).toBe(false);
    expect(isIcsCode('')).toBe(false);
    expect(isIcsCode(' 03.120.10 ')).toBe(true);
  });

  it('links every group and sub-group to an existing parent one level up', () => {
    for (const entry of icsEntries().values()) {
      if (entry.level === 'field') continue;
      const parent = icsEntry(entry.parent ?? '');
      expect(parent?.level, entry.code).toBe(entry.level === 'group' ? 'field' : 'group');
      expect(entry.code.startsWith(`${entry.parent}.`)).toBe(true);
    }
  });

  it('matches prefixes on whole segments only', () => {
    expect(icsPrefixMatch('03', '03.120.10')).toBe(true);
    expect(icsPrefixMatch('03.120', '03.120.10')).toBe(true);
    expect(icsPrefixMatch('03.120.', '03.120.10')).toBe(true);
    expect(icsPrefixMatch('03.120.10', '03.120.10')).toBe(true);
    expect(icsPrefixMatch('03.12', '03.120.10')).toBe(false);
    expect(icsPrefixMatch('0', '03.120')).toBe(false);
    expect(icsPrefixMatch('03.120.10', '03.120')).toBe(false);
    expect(icsPrefixMatch('', '03')).toBe(false);
  });

  it('parses a minimal document of the same layout', () => {
    const xml = `<fields>
      <field><identifier>01</identifier><title xml:lang="en">Generalities</title></field>
      <group><identifier>01.020</identifier><field>01</field>
        <title xml:lang="en">Terminology</title><title xml:lang="fr">Terminologie</title></group>
      <subGroup><identifier>01.020.10</identifier><group>01.020</group><title xml:lang="en">T &amp; S</title></subGroup>
    </fields>`;
    const entries = parseIcsXml(xml);
    expect(entries.get('01')).toEqual({ code: '01', titleEn: 'Generalities', level: 'field' });
    expect(entries.get('01.020.10')).toEqual({
      code: '01.020.10',
      titleEn: 'T & S',
      level: 'subgroup',
      parent: '01.020',
    });
  });

  it('refuses a document whose identifiers are not ICS codes', () => {
    const xml = `<fields><field><identifier>1A</identifier><title xml:lang="en">x</title></field>
      <field><identifier>02</identifier><title xml:lang="en">y</title></field><group/><subGroup/></fields>`;
    expect(() => parseIcsXml(xml)).toThrow();
  });
});
