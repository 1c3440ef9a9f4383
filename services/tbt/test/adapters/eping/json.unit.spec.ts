import { describe, expect, it } from 'vitest';
import { parseEpingJson } from '../../../src/adapters/eping/json.js';
import type { EpingParseResult } from '../../../src/domain/eping.js';

const payload = {
  documentSymbol: 'G/TBT/N/CHN/2001',
  notifyingMember: 'China',
  distributionDate: '2025-06-10T00:00:00',
  title: 'Safety of electric toys',
  description: 'Revises GB 19865 for electric toys.',
  productsCovered: 'Electric toys',
  hsCodes: ['9503 - Tricycles, scooters, …; dolls', '950300'],
  icsCodes: '97.200.50 - Toys',
  objectives: ['Protection of human health or safety (TBT)'],
  keywords: 'Toys; Children',
  finalDateForComments: '2025-08-09',
  notificationType: 'Regular notification',
  links: {
    documents: ['https://members.wto.org/crnattachments/2025/TBT/CHN/25_05000_00_x.pdf'],
    en: 'https://docs.wto.org/imrd/directdoc.asp?DDFDocuments/t/G/TBTN25/CHN2001.DOCX',
  },
  someFutureField: 42,
};

function ok(body: unknown): EpingParseResult {
  const result = parseEpingJson(body);
  if (!result.ok) throw new Error(result.error.reason);
  return result;
}

describe('parseEpingJson', () => {
  it('reads an ePing API notification into the same draft shape as the exports', () => {
    const result = ok(payload);
    expect(result.errors).toEqual([]);
    expect(result.rows[0]!.draft).toMatchObject({
      identity: { key: 'G/TBT/N/CHN/2001', source: 'symbol' },
      symbol: 'G/TBT/N/CHN/2001',
      symbolSource: 'given',
      area: 'TBT',
      member: 'CHN',
      distributedOn: '2025-06-10',
      hsCodes: ['9503', '950300'],
      icsCodes: ['97.200.50'],
      keywords: ['Toys', 'Children'],
      commentDeadline: '2025-08-09',
      documentLinks: ['https://members.wto.org/crnattachments/2025/TBT/CHN/25_05000_00_x.pdf'],
      notificationLinks: {
        en: 'https://docs.wto.org/imrd/directdoc.asp?DDFDocuments/t/G/TBTN25/CHN2001.DOCX',
      },
    });
  });

  it('derives the symbol from a docs.wto.org link when the body has none', () => {
    const { documentSymbol: _, ...rest } = payload;
    const result = ok({
      ...rest,
      notificationType: 'Addendum to Regular Notification',
      links: { en: 'https://docs.wto.org/imrd/directdoc.asp?DDFDocuments/t/G/TBTN25/CHN2001A1.DOCX' },
    });
    expect(result.rows[0]!.draft).toMatchObject({
      identity: { key: 'G/TBT/N/CHN/2001/Add.1', source: 'link-symbol' },
      symbol: 'G/TBT/N/CHN/2001/Add.1',
      symbolSource: 'link',
      areaSource: 'symbol',
      kind: 'addendum',
    });
  });

  it('accepts arrays and wrapped lists, member codes or names, links as a plain list', () => {
    const result = ok({
      items: [
        {
          ...payload,
          notifyingMember: 'CHN',
          links: ['https://members.wto.org/crnattachments/2025/TBT/CHN/25_05000_00_x.pdf'],
        },
        { ...payload, documentSymbol: 'G/TBT/N/EU/1100', notifyingMember: 'European Union', links: null },
      ],
    });
    expect(result.rows.map((r) => [r.line, r.draft.member, r.draft.documentLinks.length])).toEqual([
      [1, 'CHN', 1],
      [2, 'EU', 0],
    ]);
  });

  it('reports malformed items by position and JSON path, keeping the good ones', () => {
    const result = ok([
      payload,
      { ...payload, documentSymbol: null, title: 7, distributionDate: undefined },
      {
        ...payload,
        documentSymbol: 'G/TBT/N/CHN/2002',
        hsCodes: ['0000'],
        finalDateForComments: '2025-02-30',
      },
      'not an object',
      payload,
    ]);
    expect(result.total).toBe(5);
    expect(result.rows.map((r) => r.line)).toEqual([1]);
    expect(result.errors.map((e) => [e.line, e.errors.map((x) => x.field)])).toEqual([
      [2, ['distributionDate', 'title']],
      [3, ['hsCodes', 'finalDateForComments']],
      [4, [undefined]],
      [5, [undefined]],
    ]);
    expect(result.errors[1]!.errors.map((e) => e.reason)).toEqual([
      "hsCodes: '0000' not in HS 2022",
      "finalDateForComments '2025-02-30' is not a calendar date",
    ]);
    expect(result.errors[3]!.errors[0]!.reason).toBe(
      'same notification as item 1 (G/TBT/N/CHN/2001), skipped',
    );
  });

  it('refuses a body that is not an object or array', () => {
    expect(parseEpingJson('hello')).toEqual({
      ok: false,
      error: { reason: 'the body must be a notification object or an array of them' },
    });
  });
});
