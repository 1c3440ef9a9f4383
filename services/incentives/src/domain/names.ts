/** Organisation names compare as people read them: width, case and spacing do not matter. */
export function sameName(a: string | undefined, b: string | undefined): boolean {
  if (a === undefined || b === undefined) return false;
  return normaliseName(a) === normaliseName(b);
}

export function normaliseName(s: string): string {
  return s.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
}

/** A standard code as a lookup key: `gb/t 1234.1—2020` finds `GB/T 1234.1-2020`. */
export function codeKey(code: string): string {
  return code
    .normalize('NFKC')
    .trim()
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/\s+/g, ' ')
    .toUpperCase();
}

/**
 * The series a standard belongs to: its code without part number and year (`GB/T 1234.1-2020`
 * and `GB/T 1234.2-2021` are the series `GB/T 1234`).
 */
export function seriesOf(code: string): string {
  const k = codeKey(code);
  const m = /^(.*?\d+)(?:\.\d+)*(?:-\d{4})?$/.exec(k);
  return m ? m[1]! : k;
}
