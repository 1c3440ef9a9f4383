import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { parseEpingCsv } from '../../../src/adapters/eping/csv.js';
import { xlsxBomb } from '@highland/testing/zip-bomb';
import { MAX_XLSX_INFLATED_BYTES, parseEpingXlsx } from '../../../src/adapters/eping/xlsx.js';
import { csv, record, sampleTable, sampleText } from '../../fixtures/eping-sample.js';

/** Excel serial of an ISO date (1900 system). */
function serial(iso: string): number {
  return Date.parse(`${iso}T00:00:00Z`) / 86_400_000 + 25_569;
}

/**
 * The real sample written to a real .xlsx with exceljs, every cell in a different stored form:
 * distribution dates as bare serial numbers, deadlines as formulas (stored results) or as
 * date-formatted cells, titles as rich text, the first document link as a hyperlink, the
 * notifying member as a formula with a text result.
 */
async function sampleWorkbook(
  options: { date1904?: boolean; titleRows?: number } = {},
): Promise<ArrayBuffer> {
  const { header, records } = sampleTable();
  const col = (name: string) => header.indexOf(name) + 1;
  const workbook = new ExcelJS.Workbook();
  if (options.date1904) workbook.properties.date1904 = true;
  const sheet = workbook.addWorksheet('ePing');
  const offset = options.date1904 ? 1462 : 0;
  for (let i = 0; i < (options.titleRows ?? 0); i += 1) sheet.addRow([`ePing export ${i + 1}`]);
  sheet.addRow(header);
  records.forEach((rec, i) => {
    const row = sheet.addRow(rec);
    const cell = (name: string) => row.getCell(col(name));
    cell('Distribution date').value = serial(rec[col('Distribution date') - 1]!) - offset;
    const deadline = rec[col('Final date for comments') - 1]!;
    if (deadline !== '') {
      if (i % 2 === 0) {
        cell('Final date for comments').value = {
          formula: `${cell('Distribution date').address}+60`,
          result: serial(deadline) - offset,
          date1904: options.date1904 ?? false,
        };
      } else {
        cell('Final date for comments').value = new Date(`${deadline}T00:00:00Z`);
        cell('Final date for comments').numFmt = 'yyyy-mm-dd';
      }
    }
    const title = rec[col('Title') - 1]!;
    cell('Title').value = {
      richText: [{ text: title.slice(0, 12), font: { bold: true } }, { text: title.slice(12) }],
    };
    const links = rec[col('Notified document') - 1]!;
    if (links !== '') cell('Notified document').value = { text: links, hyperlink: links.split('\n')[0]! };
    const member = rec[col('Notifying Member') - 1]!;
    cell('Notifying Member').value = { formula: `TRIM("${member}")`, result: member };
  });
  return workbook.xlsx.writeBuffer();
}

describe('parseEpingXlsx (a real .xlsx, written with exceljs)', () => {
  const fromCsv = parseEpingCsv(sampleText());
  if (!fromCsv.ok) throw new Error(fromCsv.error.reason);

  it('stores the cells in the forms under test', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await sampleWorkbook());
    const { header } = sampleTable();
    const value = (row: number, name: string) =>
      workbook.worksheets[0]!.getRow(row).getCell(header.indexOf(name) + 1).value;
    expect(value(2, 'Notifying Member')).toMatchObject({ formula: 'TRIM("Thailand")', result: 'Thailand' });
    expect(typeof value(2, 'Distribution date')).toBe('number');
    expect(value(2, 'Title')).toMatchObject({ richText: [{ text: 'The DLD orde' }, {}] });
    expect(value(3, 'Final date for comments')).toBeInstanceOf(Date);
    expect(value(4, 'Final date for comments')).toMatchObject({ formula: 'B4+60' });
    expect(value(4, 'Notified document')).toMatchObject({
      hyperlink: 'https://members.wto.org/crnattachments/2025/SPS/CHN/25_03799_00_x.pdf',
    });
  });

  it('reads the sample from formulas, hyperlinks, rich text and serial dates into the CSV’s drafts', async () => {
    const result = await parseEpingXlsx(await sampleWorkbook());
    if (!result.ok) throw new Error(result.error.reason);
    expect(result.format).toBe('xlsx');
    expect(result.errors).toEqual([]);
    expect(result.rows).toHaveLength(32);
    expect(result.rows.map((r) => r.draft)).toEqual(fromCsv.rows.map((r) => r.draft));
    expect(result.rows[0]!.line).toBe(2);
  });

  it('reads a 1904-dated workbook and finds the header below title rows', async () => {
    const result = await parseEpingXlsx(
      new Uint8Array(await sampleWorkbook({ date1904: true, titleRows: 2 })),
    );
    if (!result.ok) throw new Error(result.error.reason);
    expect(result.errors).toEqual([]);
    expect(result.rows[0]!.line).toBe(4);
    expect(result.rows.map((r) => [r.draft.distributedOn, r.draft.commentDeadline])).toEqual(
      fromCsv.rows.map((r) => [r.draft.distributedOn, r.draft.commentDeadline]),
    );
  });

  it('refuses what is not a workbook, or lacks the sheet asked for', async () => {
    const notXlsx = await parseEpingXlsx(new TextEncoder().encode('Notifying Member,Title\n'));
    expect(notXlsx).toMatchObject({
      ok: false,
      error: { reason: expect.stringContaining('not a readable .xlsx file') },
    });
    const noSheet = await parseEpingXlsx(await sampleWorkbook(), { sheet: 'Other' });
    expect(noSheet).toEqual({ ok: false, error: { reason: "the workbook has no worksheet 'Other'" } });
  });

  describe('symbols written as HYPERLINK formulas without results (how ePing exports them)', () => {
    const { header } = sampleTable();
    const link = (symbol: string) => `https://www.epingalert.org/en/Search?viewData=${symbol}`;
    const rows = [
      { symbol: 'G/TBT/N/USA/2211', title: 'Energy conservation: test procedures for pumps' },
      { symbol: 'G/TBT/N/USA/2211/Add.1/Corr.1', title: 'Energy conservation: test procedures for pumps' },
      { symbol: 'G/TBT/N/USA/1990/Rev.1', title: 'Toy safety: magnets' },
    ];
    const base = (r: (typeof rows)[number]) =>
      record(header, {
        'Notifying Member': 'United States of America',
        'Distribution date': '2025-06-10',
        Title: r.title,
        Description: `Notification ${r.symbol}`,
        'Notification type': 'Regular notifications (TBT)',
      });

    async function workbook(formula: (r: (typeof rows)[number]) => string): Promise<ArrayBuffer> {
      const wb = new ExcelJS.Workbook();
      const sheet = wb.addWorksheet('ePing');
      sheet.addRow(header);
      for (const r of rows) {
        const row = sheet.addRow(base(r));
        // No `result`: the file is generated, never opened in Excel.
        row.getCell(header.indexOf('Document symbol') + 1).value = { formula: formula(r) };
      }
      return wb.xlsx.writeBuffer();
    }

    it('reads the display text (leading space and all), with no remark, as the CSV export with symbols', async () => {
      const result = await parseEpingXlsx(
        await workbook((r) => `HYPERLINK("${link(r.symbol)}"," ${r.symbol}")`),
      );
      if (!result.ok) throw new Error(result.error.reason);
      expect(result.errors).toEqual([]);
      expect(result.rows.map((r) => r.draft.symbol)).toEqual(rows.map((r) => r.symbol));
      expect(result.rows.map((r) => r.warnings)).toEqual([[], [], []]);
      const fromText = parseEpingCsv(
        csv(
          header,
          rows.map((r) => {
            const rec = base(r);
            rec[header.indexOf('Document symbol')] = r.symbol;
            return rec;
          }),
        ),
      );
      if (!fromText.ok) throw new Error(fromText.error.reason);
      // The same identities: re-importing the rows as CSV finds them, and addenda join threads.
      expect(result.rows.map((r) => r.draft.identity)).toEqual(fromText.rows.map((r) => r.draft.identity));
    });

    it('takes the link’s symbol when the text is empty, and says so', async () => {
      const result = await parseEpingXlsx(await workbook((r) => `HYPERLINK("${link(r.symbol)}","")`));
      if (!result.ok) throw new Error(result.error.reason);
      expect(result.rows.map((r) => r.draft.symbol)).toEqual(rows.map((r) => r.symbol));
      expect(result.rows[0]!.warnings).toEqual([
        'Document symbol: read from its link (G/TBT/N/USA/2211), the cell shows no text',
      ]);
    });

    it('remarks on a text that disagrees with its link, and keeps the text', async () => {
      const result = await parseEpingXlsx(
        await workbook((r) => `HYPERLINK("${link('G/TBT/N/USA/9999')}","${r.symbol}")`),
      );
      if (!result.ok) throw new Error(result.error.reason);
      expect(result.rows[0]!.draft.symbol).toBe('G/TBT/N/USA/2211');
      expect(result.rows[0]!.warnings[0]).toMatch(
        /shows G\/TBT\/N\/USA\/2211 but links to G\/TBT\/N\/USA\/9999/,
      );
    });

    it('computes nothing: any other formula without a result is read as empty, with a remark', async () => {
      const result = await parseEpingXlsx(await workbook((r) => `CONCAT("${r.symbol}","")`));
      if (!result.ok) throw new Error(result.error.reason);
      expect(result.rows.map((r) => r.draft.symbol)).toEqual([undefined, undefined, undefined]);
      expect(result.rows[0]!.warnings[0]).toMatch(/Document symbol: formula without a stored result/);
    });
  });

  // Issue 16: a 99 KB bomb cost 20 s and 700 MB of exceljs parsing before it was refused.
  it('refuses a zip bomb by inflating only up to the limit, never parsing it', async () => {
    const small = await parseEpingXlsx(xlsxBomb(4 * 1024 * 1024), { maxInflatedBytes: 1024 * 1024 });
    expect(small).toEqual({ ok: false, error: { reason: 'the .xlsx file inflates to more than 1 MB' } });

    const bomb = xlsxBomb(MAX_XLSX_INFLATED_BYTES + 8 * 1024 * 1024);
    expect(bomb.length).toBeLessThan(100_000);
    // Refused while inflating, before exceljs parses it (parsing it took tens of seconds and 700 MB).
    const result = await parseEpingXlsx(bomb);
    expect(result).toEqual({ ok: false, error: { reason: 'the .xlsx file inflates to more than 32 MB' } });
  });

  it('reads a small upload from a pooled Buffer as exactly its own bytes', async () => {
    // Buffers under 4 KB share one pool: slice().buffer was the whole pool, zip bytes and others
    const book = Buffer.from(await sampleWorkbook());
    const pool = Buffer.allocUnsafe(64); // takes pool space, so the next one is not at offset 0
    pool.fill(0x50);
    const bytes = xlsxBomb(0);
    const small = Buffer.concat([bytes]);
    expect(small.byteOffset + small.length).toBeLessThanOrEqual(small.buffer.byteLength);
    expect(small.buffer.byteLength).toBeGreaterThan(small.length);
    const read = await parseEpingXlsx(small);
    expect(read.ok ? 'read' : read.error.reason).not.toMatch(/Corrupted zip|not a readable/);
    expect((await parseEpingXlsx(book)).ok).toBe(true);
  });

  it('still reads a workbook under the limit', async () => {
    const result = await parseEpingXlsx(await sampleWorkbook(), { maxInflatedBytes: 1024 * 1024 });
    expect(result.ok).toBe(true);
  });
});
