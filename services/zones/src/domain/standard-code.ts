/**
 * The key a standard code is matched by: the registry normalises codes ("GB/T 19001-2016"); a
 * department may type full-width characters, other spacing, lower case or an en dash.
 */
export function standardKey(code: string): string {
  return code
    .normalize('NFKC')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/\s+/g, ' ')
    .replace(/\s*([/-])\s*/g, '$1')
    .trim()
    .toUpperCase();
}
