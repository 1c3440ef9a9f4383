/**
 * Text as exports store it, made comparable: Excel's `_x000D_` escapes decoded, line endings
 * unified, non-breaking and other odd spaces made plain, runs of spaces collapsed, trimmed.
 */
export function cleanText(value: string): string {
  return value
    .replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    .replace(/\r*\n|\r/g, '\n')
    .replace(/[\u00a0\u2000-\u200b\u202f\u205f\u3000\t]/g, ' ')
    .replace(/ {2,}/g, ' ')
    .replace(/ *\n */g, '\n')
    .trim();
}

/**
 * A multi-valued cell (`a; b; c`, or one value a line) as a list: trimmed, empties dropped,
 * repeats (in any case) kept once, in order of first appearance. Arrays (JSON bodies) are taken
 * element by element.
 */
export function splitList(value: string | readonly string[]): string[] {
  const parts = typeof value === 'string' ? cleanText(value).split(/;|\n/) : value.map(cleanText);
  return uniqueBy(
    parts.map((p) => p.trim()).filter((p) => p !== ''),
    (p) => p.toLowerCase(),
  );
}

export function uniqueBy<T>(values: Iterable<T>, key: (value: T) => string): T[] {
  const seen = new Set<string>();
  const out: T[] = [];
  for (const value of values) {
    const k = key(value);
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(value);
  }
  return out;
}

/** Folds case, width and spacing for content hashes: equal texts in any export give one key. */
export function contentKey(value: string): string {
  return cleanText(value.normalize('NFKC')).toLowerCase().replace(/\s+/g, ' ');
}

/** Cuts long cell text for error messages. */
export function excerpt(value: string, max = 60): string {
  const flat = value.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}
