import { describe, expect, it } from 'vitest';
import { parseHsCodes, parseIcsCodes } from '../../src/domain/codes.js';
import { findDates, readDate } from '../../src/domain/dates.js';
import { linkFacts } from '../../src/domain/identity.js';
import { parseNotificationType } from '../../src/domain/notification.js';
import { cleanText, splitList } from '../../src/domain/text.js';

describe('HS and ICS cells', () => {
  it('finds codes by their heads, although descriptions contain "; "', () => {
    const cell =
      "3210 - Other paints and varnishes (including enamels, lacquers and distempers); prepared water pigments; 3208 - Paints (excl. heading 3207, 3208, 3209); 04 - DAIRY PRODUCE; BIRDS' EGGS; NATURAL HONEY";
    expect(parseHsCodes(cell)).toEqual({ codes: ['3210', '3208', '04'], unknown: [], notes: [] });
    expect(parseHsCodes('8504.40; 850440 - Static converters').codes).toEqual(['850440']);
    expect(parseHsCodes(['9999 - Nothing', '12x']).unknown).toEqual(['9999', '12x']);
    expect(parseHsCodes('paints, varnishes').unknown).toEqual(['paints, varnishes']);
    expect(parseHsCodes('')).toEqual({ codes: [], unknown: [], notes: [] });
  });

  it('reads ICS fields, groups and sub-groups', () => {
    expect(
      parseIcsCodes(
        '67 - FOOD TECHNOLOGY; 67 - FOOD TECHNOLOGY; 87.040 - Paints; 65.020.30 - Animal husbandry',
      ).codes,
    ).toEqual(['67', '87.040', '65.020.30']);
    expect(parseIcsCodes('87.04 - Paints').unknown).toEqual(['87.04']);
  });
});

describe('dates', () => {
  it.each([
    ['2025-06-10', '2025-06-10'],
    ['2025-06-10T00:00:00', '2025-06-10'],
    ['2025-06-10T23:00:00+08:00', '2025-06-10'],
    ['2025/6/10', '2025-06-10'],
    ['10 June 2025', '2025-06-10'],
    ['June 10, 2025', '2025-06-10'],
    ['10th Sept 2025', '2025-09-10'],
    ['45818', '2025-06-10'],
  ])('reads %s', (input, date) => {
    expect(readDate(input, 'date')).toEqual({ ok: true, date });
  });

  it('finds dates in text', () => {
    expect(
      findDates('effective date of 19 February 2025, published on February 20, 2025 (2025-02-21)').map(
        (d) => d.date,
      ),
    ).toEqual(['2025-02-19', '2025-02-20', '2025-02-21']);
  });
});

describe('text and types', () => {
  it('cleans export text and splits lists', () => {
    expect(cleanText('a\u00a0 b_x000D_\r\nc  ')).toBe('a b\nc');
    expect(splitList('Animal health; Avian Influenza; animal health; ; Pests')).toEqual([
      'Animal health',
      'Avian Influenza',
      'Pests',
    ]);
  });

  it('reads ePing notification types', () => {
    expect(parseNotificationType('Regular notification')).toEqual({ kind: 'regular', emergency: false });
    expect(parseNotificationType('Emergency notifications (SPS)')).toEqual({
      kind: 'emergency',
      emergency: true,
    });
    expect(parseNotificationType('Addendum to Emergency Notification (SPS)')).toEqual({
      kind: 'addendum',
      emergency: true,
    });
    expect(parseNotificationType('Corrigendum to Regular Notification')).toEqual({
      kind: 'corrigendum',
      emergency: false,
    });
    expect(parseNotificationType('Revision of Regular Notification')).toEqual({
      kind: 'revision',
      emergency: false,
    });
    expect(parseNotificationType('Trade concern')).toBeUndefined();
  });

  it('reads what links reveal', () => {
    expect(
      linkFacts('https://members.wto.org/crnattachments/2025/TBT/TPKM/final_measure/25_03712_00_e.pdf'),
    ).toEqual({
      documentId: 'crn:TBT/TPKM/25_03712',
      area: 'TBT',
      member: 'TPKM',
    });
    expect(
      linkFacts('https://docs.wto.org/imrd/directdoc.asp?DDFDocuments/t/G/TBTN24/EU1050R1A1.DOCX'),
    ).toMatchObject({
      symbol: { normalized: 'G/TBT/N/EU/1050/Rev.1/Add.1' },
      area: 'TBT',
      member: 'EU',
    });
    expect(
      linkFacts('https://eping.wto.org/en/Search?symbol=G%2FSPS%2FN%2FBRA%2F2300%2FAdd.1').symbol?.normalized,
    ).toBe('G/SPS/N/BRA/2300/Add.1');
    expect(linkFacts('https://www.federalregister.gov/d/2025-08864')).toEqual({});
  });
});
