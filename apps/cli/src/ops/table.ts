/**
 * Plain-text tables for the terminal: a header, columns two spaces apart, no trailing spaces.
 * Chinese titles and labels are common here, so East Asian wide characters count as two columns.
 */
export function formatTable(headers: string[], rows: ReadonlyArray<ReadonlyArray<string>>): string {
  const cells = [headers, ...rows].map((r) => headers.map((_, i) => oneLine(r[i] ?? '')));
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => displayWidth(r[i]!))));
  const lines = cells.map((r) =>
    r
      .map((cell, i) => (i === r.length - 1 ? cell : cell + ' '.repeat(widths[i]! - displayWidth(cell))))
      .join('  ')
      .trimEnd(),
  );
  return `${lines.join('\n')}\n`;
}

/** Shortens to at most `max` columns, ending with "…" when something was cut. */
export function truncate(text: string, max: number): string {
  const flat = oneLine(text);
  if (displayWidth(flat) <= max) return flat;
  let out = '';
  let width = 0;
  for (const ch of flat) {
    const w = charWidth(ch);
    if (width + w > max - 1) break;
    out += ch;
    width += w;
  }
  return `${out}…`;
}

/** Newlines and tabs would break a table row. */
export function oneLine(text: string): string {
  return text.replace(/\s*[\r\n\t]+\s*/g, ' ');
}

export function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += charWidth(ch);
  return w;
}

function charWidth(ch: string): number {
  const cp = ch.codePointAt(0)!;
  if (cp < 0x20 || (cp >= 0x300 && cp <= 0x36f)) return 0; // control, combining marks
  return (cp >= 0x1100 && cp <= 0x115f) || // Hangul Jamo
    (cp >= 0x2e80 && cp <= 0xa4cf && cp !== 0x303f) || // CJK radicals … Yi
    (cp >= 0xac00 && cp <= 0xd7a3) || // Hangul syllables
    (cp >= 0xf900 && cp <= 0xfaff) || // CJK compatibility ideographs
    (cp >= 0xfe30 && cp <= 0xfe4f) || // CJK compatibility forms
    (cp >= 0xff00 && cp <= 0xff60) || // full-width forms
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1f64f) || // emoji
    (cp >= 0x20000 && cp <= 0x3fffd) // CJK extensions
    ? 2
    : 1;
}

/** "2026-03-04T05:06:07.123Z" → "2026-03-04 05:06:07Z", for table cells. */
export function shortTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, 'Z');
}
