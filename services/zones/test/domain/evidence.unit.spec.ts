import { describe, expect, it } from 'vitest';
import { EVIDENCE_TYPES, mediaType, safeFileName } from '../../src/domain/evidence.js';

const bytes = (...b: number[]) => new Uint8Array(b);

describe('evidence files', () => {
  it('recognises each accepted type by its first bytes, and nothing else', () => {
    expect(EVIDENCE_TYPES['application/pdf']!(new TextEncoder().encode('%PDF-1.7'))).toBe(true);
    expect(EVIDENCE_TYPES['application/pdf']!(bytes(0x89, 0x50, 0x4e, 0x47))).toBe(false);
    expect(EVIDENCE_TYPES['image/png']!(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a))).toBe(true);
    expect(EVIDENCE_TYPES['image/jpeg']!(bytes(0xff, 0xd8, 0xff, 0xe0))).toBe(true);
    expect(EVIDENCE_TYPES['image/webp']!(new TextEncoder().encode('RIFF\0\0\0\0WEBPVP8 '))).toBe(true);
    expect(EVIDENCE_TYPES['image/webp']!(new TextEncoder().encode('RIFF\0\0\0\0WAVEfmt '))).toBe(false);
    expect(EVIDENCE_TYPES['text/html']).toBeUndefined();
    expect(mediaType('Application/PDF; charset=binary')).toBe('application/pdf');
  });

  it('keeps a file name without its path or control characters', () => {
    expect(safeFileName('C:\\scans\\inspection report.pdf')).toBe('inspection report.pdf');
    expect(safeFileName('../../etc/passwd')).toBe('passwd');
    expect(safeFileName('a\u0000b\nc.pdf')).toBe('abc.pdf');
    expect(safeFileName('..')).toBeUndefined();
    expect(safeFileName('x'.repeat(256))).toBeUndefined();
  });
});
