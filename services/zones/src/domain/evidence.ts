/**
 * What evidence files may be: documents, photos and PDFs, recognised by their first bytes (a
 * declared type alone is not trusted) — an upload whose bytes are not what it claims is refused.
 */
export const EVIDENCE_TYPES: Readonly<Record<string, (head: Uint8Array) => boolean>> = {
  'application/pdf': (b) => starts(b, [0x25, 0x50, 0x44, 0x46, 0x2d]), // %PDF-
  'image/jpeg': (b) => starts(b, [0xff, 0xd8, 0xff]),
  'image/png': (b) => starts(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  'image/webp': (b) => starts(b, [0x52, 0x49, 0x46, 0x46]) && ascii(b, 8, 'WEBP'),
  // Office Open XML documents are ZIP files.
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': (b) =>
    starts(b, [0x50, 0x4b, 0x03, 0x04]),
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': (b) =>
    starts(b, [0x50, 0x4b, 0x03, 0x04]),
};

/** Bytes needed to recognise every type above. */
export const SNIFF_BYTES = 12;

function starts(b: Uint8Array, magic: readonly number[]): boolean {
  return b.length >= magic.length && magic.every((m, i) => b[i] === m);
}

function ascii(b: Uint8Array, at: number, text: string): boolean {
  return b.length >= at + text.length && [...text].every((c, i) => b[at + i] === c.charCodeAt(0));
}

/** The media type of a Content-Type header ("application/pdf; charset=…" → "application/pdf"). */
export const mediaType = (header: string | undefined) => (header ?? '').split(';')[0]!.trim().toLowerCase();

/** A file name as stored: no path, no control characters, at most 255 characters. */
export function safeFileName(name: string): string | undefined {
  // Control characters (U+0000–U+001F, U+007F) never reach a Content-Disposition header.
  const last = name.split(/[\\/]/).pop()!;
  const base = [...last]
    .filter((c) => c.charCodeAt(0) > 0x1f && c.charCodeAt(0) !== 0x7f)
    .join('')
    .trim();
  return base && base !== '.' && base !== '..' && base.length <= 255 ? base : undefined;
}
