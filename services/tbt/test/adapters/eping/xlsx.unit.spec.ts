import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { parseEpingCsv } from '../../../src/adapters/eping/csv.js';
import { xlsxBomb } from '@highland/testing/zip-bomb';
import { MAX_XLSX_INFLATED_BYTES, parseEpingXlsx } from '../../../src/adapters/eping/xlsx.js';
import { sampleTable, sampleText } from '../../fixtures/eping-sample.js';

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

  // Issue 16: a 99 KB bomb cost 20 s and 700 MB of exceljs parsing before it was refused.
  it('refuses a zip bomb by inflating only up to the limit, never parsing it', async () => {
    const small = await parseEpingXlsx(xlsxBomb(4 * 1024 * 1024), { maxInflatedBytes: 1024 * 1024 });
    expect(small).toEqual({ ok: false, error: { reason: 'the .xlsx file inflates to more than 1 MB' } });

    const bomb = xlsxBomb(MAX_XLSX_INFLATED_BYTES + 8 * 1024 * 1024);
    expect(bomb.length).toBeLessThan(100_000);
    const started = performance.now();
    const result = await parseEpingXlsx(bomb);
    expect(result).toEqual({ ok: false, error: { reason: 'the .xlsx file inflates to more than 32 MB' } });
    // inflating 32 MB takes well under a second; parsing it took tens of seconds
    expect(performance.now() - started).toBeLessThan(10_000);
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
