// Hyphen-like characters people type or paste for the separator before a year: hyphen, non-breaking
// hyphen, figure dash, en dash, em dash (Chinese typesetting writes `GB/T 1.1—2020`), horizontal
// bar, minus sign, small em dash. Full-width forms are folded by NFKC first.
const DASHES = /[\u2010-\u2015\u2212\uFE58]/g;

/**
 * Folds what varies between ways of typing the same code: full-width letters, digits, `／`, `－`,
 * `：` and spaces (NFKC), dashes, runs of white space. Case is kept; see {@link upperAscii}.
 */
export function normalizeCodeText(input: string): string {
  return input.normalize('NFKC').replace(DASHES, '-').replace(/\s+/g, ' ').trim();
}

/** Upper-cases ASCII letters only, so every index still points at the same character. */
export function upperAscii(text: string): string {
  return text.replace(/[a-z]+/g, (letters) => letters.toUpperCase());
}
