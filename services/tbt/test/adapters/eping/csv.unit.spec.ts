import { describe, expect, it } from 'vitest';
import { parseEpingCsv } from '../../../src/adapters/eping/csv.js';
import type { EpingParseResult, EpingRow } from '../../../src/domain/eping.js';
import { buildThreads } from '../../../src/domain/thread.js';
import { csv, GOOD_ROW, record, sampleTable, sampleText } from '../../fixtures/eping-sample.js';

function parsed(text: string): EpingParseResult {
  const result = parseEpingCsv(text);
  if (!result.ok) throw new Error(result.error.reason);
  return result;
}

function at(result: EpingParseResult, line: number): EpingRow {
  const row = result.rows.find((r) => r.line === line);
  if (row === undefined) throw new Error(`no row at line ${line}`);
  return row;
}

describe('the real ePing sample (32 notifications, June 2025)', () => {
  const result = parsed(sampleText());

  it('reads every row, with no error', () => {
    expect(result.errors).toEqual([]);
    expect(result.total).toBe(32);
    expect(result.rows).toHaveLength(32);
    expect(result.ignoredColumns).toEqual([]);
    expect(result.format).toBe('csv');
  });

  it('reports each row at the line it starts on (records span lines)', () => {
    const lines = sampleText().split('\n');
    for (const row of result.rows) {
      expect(lines[row.line - 1]!.startsWith(row.raw['Notifying Member']!), `line ${row.line}`).toBe(true);
    }
    expect(result.rows.map((r) => r.line).slice(0, 6)).toEqual([2, 3, 4, 5, 6, 8]);
  });

  it('gives every notification a distinct identity although every symbol is empty', () => {
    const keys = result.rows.map((r) => r.draft.identity.key);
    expect(new Set(keys).size).toBe(32);
    const sources = result.rows.map((r) => r.draft.identity.source);
    expect(sources.filter((s) => s === 'document-id')).toHaveLength(27);
    expect(sources.filter((s) => s === 'content-hash')).toHaveLength(5);
    expect(result.rows.every((r) => r.draft.symbol === undefined)).toBe(true);
  });

  it('reads a TBT row in full (Malawi, washable distemper)', () => {
    const { draft, warnings } = at(result, 5);
    expect(warnings).toEqual([]);
    expect(draft).toMatchObject({
      identity: { key: 'crn:TBT/MWI/25_03831', source: 'document-id' },
      area: 'TBT',
      areaSource: 'link',
      kind: 'regular',
      emergency: false,
      member: 'MWI',
      memberName: 'Malawi',
      distributedOn: '2025-06-10',
      title: 'DMS 2097:2024, Washable distemper – Specification',
      hsCodes: ['3210'],
      icsCodes: ['87.040'],
      objectives: [
        'Consumer information, labelling (TBT)',
        'Prevention of deceptive practices and consumer protection (TBT)',
        'Quality requirements (TBT)',
        'Reducing trade barriers and facilitating trade (TBT)',
      ],
      keywords: [],
      regions: [],
      commentDeadline: '2025-08-09',
      documentLinks: ['https://members.wto.org/crnattachments/2025/TBT/MWI/25_03831_00_e.pdf'],
      notificationLinks: {},
      referencedSymbols: [],
    });
  });

  it('splits HS cells whose descriptions contain "; " and keeps 5-digit groups with a remark', () => {
    const russia = at(result, 8).draft;
    expect(russia.hsCodes).toHaveLength(20);
    expect(russia.hsCodes).toEqual(
      expect.arrayContaining(['0102', '430390', '04', '2309', '051110', '970529']),
    );
    const liberia = result.rows.find((r) => r.draft.hsCodes.includes('84362'))!;
    expect(liberia.warnings).toEqual(['HS 84362 is a 5-digit group, kept as is (covers 843621, 843629)']);
  });

  it('keeps repeated codes once, decodes Excel escapes and reads links per notification', () => {
    const taipei = result.rows.find((r) => r.draft.member === 'TPKM' && r.draft.area === 'TBT')!.draft;
    expect(taipei.hsCodes).toEqual(['0401', '0402', '0403']);
    expect(taipei.icsCodes).toEqual(['67.040', '67.230']);
    expect(taipei.kind).toBe('addendum');
    expect(taipei.documentLinks).toHaveLength(2);
    expect(taipei.identity.key).toBe('crn:TBT/TPKM/25_03712');
    expect(taipei.referencedSymbols).toEqual(['G/TBT/N/TPKM/541']);
    expect(taipei.products).toBe(
      'Food for human consumption\nFood products in general (ICS:67.040)\nPrepackaged and prepared foods (ICS:67.230)',
    );
    for (const row of result.rows) expect(JSON.stringify(row.draft)).not.toContain('_x000D_');
  });

  it('tells TBT from SPS without a symbol: links, type, objectives, quoted symbols', () => {
    const areas = result.rows.map((r) => r.draft.area);
    expect(areas.filter((a) => a === 'TBT')).toHaveLength(9);
    expect(areas.filter((a) => a === 'SPS')).toHaveLength(23);
    const thailand = at(result, 2).draft;
    expect(thailand).toMatchObject({
      area: 'SPS',
      areaSource: 'notification-type',
      kind: 'emergency',
      emergency: true,
      regions: ['Poland'],
    });
    const malawiNoLink = at(result, 19).draft;
    expect(malawiNoLink).toMatchObject({
      area: 'TBT',
      areaSource: 'objectives',
      identity: { source: 'content-hash' },
    });
    const egypt = result.rows.find((r) => r.draft.member === 'EGY')!.draft;
    expect(egypt).toMatchObject({
      area: 'TBT',
      areaSource: 'referenced-symbol',
      kind: 'addendum',
      icsCodes: ['67.200.10'],
    });
    expect(egypt.referencedSymbols).toEqual(['G/TBT/N/EGY/2', 'G/TBT/N/EGY/2/Add.1']);
  });

  it('maps members by ePing name to WTO codes (EU documents live under EEC paths)', () => {
    const members = new Set(result.rows.map((r) => r.draft.member));
    expect([...members].sort()).toEqual([
      'CHL',
      'CHN',
      'COL',
      'EGY',
      'EU',
      'MWI',
      'RUS',
      'THA',
      'TPKM',
      'UGA',
      'UKR',
      'USA',
    ]);
    const eu = result.rows.find((r) => r.draft.member === 'EU' && r.draft.kind === 'regular')!.draft;
    expect(eu.identity.key).toBe('crn:SPS/EU/25_03703');
  });

  it('tells apart two addenda with one title on one day (Thailand, France)', () => {
    const france = result.rows.filter((r) => r.draft.title.includes('from France'));
    expect(france).toHaveLength(2);
    expect(france[0]!.draft.identity.key).not.toBe(france[1]!.draft.identity.key);
  });

  it('gives the same identities on every import, whatever the column order', () => {
    const again = parsed(sampleText());
    expect(again.rows.map((r) => r.draft)).toEqual(result.rows.map((r) => r.draft));
    const { header, records } = sampleTable();
    const order = header.map((_, i) => i).reverse();
    const shuffled = parsed(
      csv(
        order.map((i) => header[i]!),
        records.map((r) => order.map((i) => r[i]!)),
      ),
    );
    expect(shuffled.rows.map((r) => r.draft.identity.key)).toEqual(
      result.rows.map((r) => r.draft.identity.key),
    );
  });

  it('threads the sample: addenda that quote their base join it; status follows the addenda', () => {
    const threads = buildThreads(result.rows.map((r) => r.draft));
    const taipei = threads.get('G/TBT/N/TPKM/541')!;
    expect(taipei).toMatchObject({ keySource: 'referenced-symbol', status: 'adopted' });
    const usa = [...threads.values()].find((t) => t.member === 'USA' && t.latest.kind === 'addendum')!;
    expect(usa).toMatchObject({ status: 'in-force', entryIntoForceOn: '2025-02-19' });
    const colombia = [...threads.values()].find((t) => t.member === 'COL' && t.latest.kind === 'addendum')!;
    expect(colombia.status).toBe('withdrawn');
    const egypt = threads.get('G/TBT/N/EGY/2')!;
    expect(egypt.status).toBe('notified'); // "Date of adoption: To be determined" records nothing
  });
});

describe('malformed exports', () => {
  const { header } = sampleTable();

  it('refuses a file whose header lacks ePing columns, naming them', () => {
    const text = csv(
      header.filter((h) => h !== 'HS code(s)' && h !== 'Title'),
      [],
    );
    const result = parseEpingCsv(text);
    expect(result).toEqual({
      ok: false,
      error: {
        reason: "not an ePing export: the header lacks 'Title', 'HS code(s)'",
        missingColumns: ['Title', 'HS code(s)'],
      },
    });
  });

  it('refuses an empty file and one that is not CSV', () => {
    expect(parseEpingCsv('')).toMatchObject({
      ok: false,
      error: { reason: 'the file has no header row and no data' },
    });
    const broken = parseEpingCsv(`${csv(header, [])}"Thailand,"2025-06-10\n`);
    expect(broken).toMatchObject({
      ok: false,
      error: { reason: expect.stringContaining('the CSV cannot be read') },
    });
  });

  it('reports bad rows line by line with every reason, and returns the good ones', () => {
    const rows = [
      record(header, GOOD_ROW),
      record(header, { ...GOOD_ROW, 'Document symbol': '', 'Distribution date': '2025-13-45' }),
      record(header, { ...GOOD_ROW, 'Document symbol': '', 'Distribution date': '10/06/2025', Title: '' }),
      record(header, {
        ...GOOD_ROW,
        'Document symbol': '',
        'HS code(s)': '9999 - Not a code; 8507 - Electric accumulators',
      }),
      record(header, {
        ...GOOD_ROW,
        'Document symbol': '',
        'ICS code(s)': '99.999 - Nothing; 29.220 - Cells',
      }),
      record(header, { ...GOOD_ROW, 'Document symbol': '', 'Notifying Member': 'Atlantis' }),
      record(header, { ...GOOD_ROW, 'Document symbol': 'G/TBT/N/USA/12' }),
      record(header, { ...GOOD_ROW, 'Document symbol': 'G/TBT/N/KOR/1300/Ad.1' }),
      record(header, { ...GOOD_ROW, 'Document symbol': '', 'Notification type': 'Something else' }),
      record(header, { ...GOOD_ROW, 'Document symbol': '', 'Final date for comments': 'soon' }),
      record(header, {
        ...GOOD_ROW,
        'Document symbol': '',
        'Notified document': '',
        Objectives: '',
        'Notification type': 'Regular notification',
      }),
      record(header, GOOD_ROW),
      record(header, {
        ...GOOD_ROW,
        'Document symbol': 'G/TBT/N/KOR/1300/Add.1',
        'Notification type': 'Addendum to Regular Notification',
      }),
    ];
    const result = parsed(csv(header, rows));
    expect(result.total).toBe(13);
    expect(result.rows.map((r) => r.line)).toEqual([2, 14]);
    expect(result.rows.map((r) => r.draft.identity)).toEqual([
      { key: 'G/TBT/N/KOR/1300', source: 'symbol' },
      { key: 'G/TBT/N/KOR/1300/Add.1', source: 'symbol' },
    ]);
    const reasons = Object.fromEntries(result.errors.map((e) => [e.line, e.errors]));
    expect(reasons).toEqual({
      3: [{ field: 'Distribution date', reason: "Distribution date '2025-13-45' is not a calendar date" }],
      4: [
        {
          field: 'Distribution date',
          reason: "Distribution date '10/06/2025' is ambiguous (day or month first?): write it YYYY-MM-DD",
        },
        { field: 'Title', reason: 'Title is empty' },
      ],
      5: [{ field: 'HS code(s)', reason: "HS code(s): '9999' not in HS 2022" }],
      6: [{ field: 'ICS code(s)', reason: "ICS code(s): '99.999' not in the ICS" }],
      7: [{ field: 'Notifying Member', reason: "Notifying Member 'Atlantis' is not a WTO member" }],
      8: [
        {
          field: 'Document symbol',
          reason: 'G/TBT/N/USA/12 is not a notification by Korea, Republic of (KOR)',
        },
      ],
      9: [
        {
          field: 'Document symbol',
          reason: "symbol 'G/TBT/N/KOR/1300/Ad.1': 'Ad.1' is not a suffix (expected Add.k, Corr.k or Rev.k)",
        },
      ],
      10: [
        {
          field: 'Notification type',
          reason:
            "Notification type 'Something else' is not a regular or emergency notification, addendum, corrigendum or revision",
        },
      ],
      11: [
        {
          field: 'Final date for comments',
          reason: "Final date for comments 'soon' is not a date (expected YYYY-MM-DD)",
        },
      ],
      12: [
        {
          field: 'Notification type',
          reason:
            'cannot tell TBT from SPS: no symbol, no WTO document link, no (TBT)/(SPS) tag in the type or objectives',
        },
      ],
      13: [{ reason: 'same notification as line 2 (G/TBT/N/KOR/1300), skipped' }],
    });
    expect(result.errors.find((e) => e.line === 7)!.raw['Notifying Member']).toBe('Atlantis');
  });

  it('skips a title row above the header, ignores extra columns and reads a BOM', () => {
    const text = `\ufeff"ePing export, 12 June 2025"\n${csv([...header, 'My notes'], [[...record(header, GOOD_ROW), 'call them']])}`;
    const result = parsed(text);
    expect(result.ignoredColumns).toEqual(['My notes']);
    expect(result.rows).toHaveLength(1);
    expect(result.rows[0]).toMatchObject({ line: 3, raw: { 'My notes': 'call them' } });
  });

  it('reads the full export’s proposed dates, and free text there as a remark', () => {
    const full = [...header, 'Proposed adoption  date', 'Proposed entry  into  force date'];
    const result = parsed(
      csv(full, [[...record(header, GOOD_ROW), '2025-10-01', 'Six months after publication']]),
    );
    expect(result.rows[0]!.draft.proposedAdoption).toBe('2025-10-01');
    expect(result.rows[0]!.draft.proposedEntryIntoForce).toBeUndefined();
    expect(result.rows[0]!.warnings).toEqual([
      "Proposed entry  into  force date 'Six months after publication' is not a date, not recorded",
    ]);
  });
});
