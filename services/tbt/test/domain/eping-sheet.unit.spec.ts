import { describe, expect, it } from 'vitest';
import { parseEpingCsv } from '../../src/adapters/eping/csv.js';
import { worksheetRows } from '../../src/adapters/eping/xlsx.js';
import { resolveCell, type SheetRow } from '../../src/domain/cells.js';
import { excelSerialToIsoDate } from '../../src/domain/dates.js';
import { parseEpingSheet, type EpingParseResult } from '../../src/domain/eping.js';
import { sampleTable, sampleText } from '../fixtures/eping-sample.js';

// Cells in every shape exceljs gives (`worksheet.getRow(n).values`), including some a writer
// rarely produces (shared formulas, error results); test/adapters/eping/xlsx.unit.spec.ts reads a real file.

function ok(result: ReturnType<typeof parseEpingSheet>): EpingParseResult {
  if (!result.ok) throw new Error(result.error.reason);
  return result;
}

/** Excel serial of an ISO date (1900 system). */
function serial(iso: string): number {
  return Date.parse(`${iso}T00:00:00Z`) / 86_400_000 + 25_569;
}

describe('resolveCell', () => {
  it('reads every stored form of a cell', () => {
    expect(resolveCell('text')).toEqual({ text: 'text' });
    expect(resolveCell(null)).toEqual({ text: '' });
    expect(resolveCell(45818)).toEqual({ text: '45818', number: 45818 });
    expect(resolveCell(true)).toEqual({ text: 'TRUE' });
    expect(resolveCell(new Date('2025-06-10T00:00:00Z')).text).toBe('2025-06-10');
    expect(
      resolveCell({ richText: [{ text: 'Washable ', font: { bold: true } }, { text: 'distemper' }] }),
    ).toEqual({
      text: 'Washable distemper',
    });
    expect(resolveCell({ text: 'PDF', hyperlink: 'https://example.org/a.pdf' })).toEqual({
      text: 'PDF',
      hyperlink: 'https://example.org/a.pdf',
    });
    expect(
      resolveCell({ text: { richText: [{ text: 'the ' }, { text: 'text' }] }, hyperlink: 'https://x.org' }),
    ).toEqual({
      text: 'the text',
      hyperlink: 'https://x.org',
    });
    expect(resolveCell({ formula: 'A1+60', result: 45878, date1904: false })).toEqual({
      text: '45878',
      number: 45878,
    });
    expect(resolveCell({ sharedFormula: 'B2', result: 'China' })).toEqual({ text: 'China' });
    expect(resolveCell({ formula: 'TODAY()', result: new Date('2025-06-10T00:00:00Z') }).date).toBeInstanceOf(
      Date,
    );
    expect(resolveCell({ formula: 'VLOOKUP(…)', result: { error: '#N/A' } })).toEqual({
      text: '',
      error: '#N/A',
    });
    expect(resolveCell({ formula: 'A1' })).toEqual({
      text: '',
      error: 'formula without a stored result (save the file in Excel first)',
    });
    expect(resolveCell({ error: '#REF!' })).toEqual({ text: '', error: '#REF!' });
  });

  it('converts Excel serial dates, 1900 and 1904 systems', () => {
    expect(excelSerialToIsoDate(45818)).toBe('2025-06-10');
    expect(excelSerialToIsoDate(45818.75)).toBe('2025-06-10');
    expect(excelSerialToIsoDate(1)).toBe('1900-01-01');
    expect(excelSerialToIsoDate(59)).toBe('1900-02-28');
    expect(excelSerialToIsoDate(60)).toBeUndefined(); // Lotus's phantom 1900-02-29
    expect(excelSerialToIsoDate(61)).toBe('1900-03-01');
    expect(excelSerialToIsoDate(0, true)).toBe('1904-01-01');
    expect(excelSerialToIsoDate(44356, true)).toBe('2025-06-10');
    expect(excelSerialToIsoDate(-1)).toBeUndefined();
  });
});

describe('parseEpingSheet (the .xlsx path)', () => {
  const { header, records } = sampleTable();
  const col = (name: string) => header.indexOf(name);

  /** The sample as an Excel export stores it: serial dates, hyperlinks, rich text, formulas. */
  function asWorkbookRows(): SheetRow[] {
    const rows: SheetRow[] = [{ line: 1, cells: header.map((h) => ({ richText: [{ text: h }] })) }];
    records.forEach((rec, i) => {
      const cells: unknown[] = [...rec];
      cells[col('Distribution date')] = serial(rec[col('Distribution date')]!);
      const deadline = rec[col('Final date for comments')]!;
      if (deadline !== '') {
        // Half the deadlines as formulas over the distribution date, half as Date objects.
        cells[col('Final date for comments')] =
          i % 2 === 0
            ? { formula: `B${i + 2}+60`, result: serial(deadline), date1904: false }
            : new Date(`${deadline}T00:00:00Z`);
      }
      const title = rec[col('Title')]!;
      cells[col('Title')] = {
        richText: [{ text: title.slice(0, 10) }, { text: title.slice(10), font: { italic: true } }],
      };
      const [firstLink, ...more] = rec[col('Notified document')]!.split('\n');
      if (firstLink)
        cells[col('Notified document')] = { text: [firstLink, ...more].join('\n'), hyperlink: firstLink };
      cells[col('Notifying Member')] = { sharedFormula: 'A2', result: rec[col('Notifying Member')] };
      rows.push({ line: i + 2, cells });
    });
    return rows;
  }

  it('reads the sample stored the Excel way into the same drafts as the CSV', () => {
    const fromCsv = parseEpingCsv(sampleText());
    if (!fromCsv.ok) throw new Error(fromCsv.error.reason);
    const fromSheet = ok(parseEpingSheet(asWorkbookRows()));
    expect(fromSheet.errors).toEqual([]);
    expect(fromSheet.format).toBe('xlsx');
    expect(fromSheet.rows.map((r) => r.draft)).toEqual(fromCsv.rows.map((r) => r.draft));
  });

  it('takes a hyperlink cell’s target when its text is a label, and reads 1904 workbooks', () => {
    const rows = asWorkbookRows().slice(0, 3);
    const cells = [...rows[2]!.cells];
    cells[col('Notified document')] = {
      text: { richText: [{ text: 'Full text' }] },
      hyperlink: 'https://members.wto.org/crnattachments/2025/SPS/CHN/25_03798_00_x.pdf',
    };
    cells[col('Distribution date')] = serial('2025-06-10') - 1462;
    const result = ok(parseEpingSheet([rows[0]!, { line: 3, cells }], { date1904: true }));
    expect(result.rows[0]!.draft).toMatchObject({
      distributedOn: '2025-06-10',
      documentLinks: ['https://members.wto.org/crnattachments/2025/SPS/CHN/25_03798_00_x.pdf'],
      identity: { key: 'crn:SPS/CHN/25_03798' },
    });
    expect(result.rows[0]!.warnings).toEqual([]);
  });

  it('reports error cells: fatal in a date, a remark in a text cell', () => {
    const rows = asWorkbookRows().slice(0, 4);
    const badDate = [...rows[2]!.cells];
    badDate[col('Distribution date')] = { formula: 'DATE(…)', result: { error: '#VALUE!' } };
    const badKeywords = [...rows[3]!.cells];
    badKeywords[col('Keywords')] = { formula: 'CONCAT(…)' };
    const result = ok(
      parseEpingSheet([rows[0]!, rows[1]!, { line: 3, cells: badDate }, { line: 4, cells: badKeywords }]),
    );
    expect(result.rows.map((r) => r.line)).toEqual([2, 4]);
    expect(result.errors).toMatchObject([
      { line: 3, errors: [{ field: 'Distribution date', reason: 'Distribution date: #VALUE!' }] },
    ]);
    expect(result.rows[1]!.warnings).toEqual([
      'Keywords: formula without a stored result (save the file in Excel first), read as empty',
    ]);
  });

  it('refuses serials that are not dates', () => {
    const rows = asWorkbookRows().slice(0, 2);
    const cells = [...rows[1]!.cells];
    cells[col('Distribution date')] = 60;
    const result = ok(parseEpingSheet([rows[0]!, { line: 2, cells }]));
    expect(result.errors[0]!.errors).toEqual([
      { field: 'Distribution date', reason: 'Distribution date 60 is not an Excel date serial' },
    ]);
  });

  it('worksheetRows reads exceljs rows (1-based, sparse values)', () => {
    const values = new Map<number, unknown[]>([
      [1, [undefined, 'a', 'b']],
      // eslint-disable-next-line no-sparse-arrays
      [3, [, , 'c']],
    ]);
    const sheet = { rowCount: 3, getRow: (n: number) => ({ values: values.get(n) ?? [] }) };
    expect(worksheetRows(sheet)).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: [] },
      { line: 3, cells: [undefined, 'c'] },
    ]);
  });
});
