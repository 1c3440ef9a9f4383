import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';

export const SAMPLE_URL = new URL('../fixtures/notifications-sample.csv', import.meta.url);
export const sampleText = (): string => readFileSync(SAMPLE_URL, 'utf8');

/** The sample as header + records (cells as text). */
export function sampleTable(): { header: string[]; records: string[][] } {
  const [header, ...records]: string[][] = parse(sampleText());
  return { header: header!, records };
}

/** One CSV line, every cell quoted (quotes doubled). */
export function csvLine(cells: readonly string[]): string {
  return cells.map((c) => `"${c.replace(/"/g, '""')}"`).join(',');
}

export function csv(header: readonly string[], records: readonly (readonly string[])[]): string {
  return [csvLine(header), ...records.map(csvLine)].join('\n') + '\n';
}

/** A record of the ePing layout from named values (every other cell empty). */
export function record(header: readonly string[], values: Record<string, string>): string[] {
  for (const key of Object.keys(values)) if (!header.includes(key)) throw new Error(`no column ${key}`);
  return header.map((h) => values[h] ?? '');
}

export const GOOD_ROW: Record<string, string> = {
  'Notifying Member': 'Korea, Republic of',
  'Distribution date': '2025-06-12',
  'Document symbol': 'G/TBT/N/KOR/1300',
  Title: 'Safety standards for lithium-ion batteries for e-bikes',
  Description: 'The draft revises the safety requirements for secondary lithium batteries.',
  'Products covered': 'Lithium-ion accumulators',
  'HS code(s)': '850760 - Lithium-ion accumulators (excl. spent)',
  'ICS code(s)': '29.220.30 - Alkaline secondary cells and batteries',
  Objectives: 'Protection of human health or safety (TBT)',
  Keywords: 'Batteries; Safety',
  'Final date for comments': '2025-08-11',
  'Notification type': 'Regular notification',
  'Notified document': 'https://members.wto.org/crnattachments/2025/TBT/KOR/25_04000_00_x.pdf',
};
