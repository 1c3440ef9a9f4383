import { describe, expect, it } from 'vitest';
import { validateWorkKind } from '../../src/domain/work-kind.js';

describe('kinds of work', () => {
  it('accepts a new standard with nothing else', () => {
    expect(validateWorkKind({ kind: 'formulate' })).toEqual({ ok: true, work: { kind: 'formulate' } });
  });

  it('requires a revision to name the edition it replaces, as a valid code', () => {
    const ok = validateWorkKind({ kind: 'revise', replacesCode: 'gb/t 19001—2008' });
    expect(ok).toMatchObject({
      ok: true,
      work: { kind: 'revise', replacesCode: { normalized: 'GB/T 19001-2008' } },
    });
    expect(validateWorkKind({ kind: 'revise' })).toEqual({
      ok: false,
      error: { reason: "replacesCode is required when kind is 'revise'", field: 'replacesCode' },
    });
    expect(validateWorkKind({ kind: 'revise', replacesCode: 'GB/T 19001-08' })).toEqual({
      ok: false,
      error: { reason: 'year must be 4 digits', position: 11, field: 'replacesCode' },
    });
  });

  it('requires an adoption to name an international or foreign standard and the degree', () => {
    expect(validateWorkKind({ kind: 'adopt', adoptedCode: 'ISO 9001:2015', degree: 'idt' })).toMatchObject({
      ok: true,
      work: { kind: 'adopt', adoptedCode: { level: 'international' }, degree: 'IDT' },
    });
    expect(validateWorkKind({ kind: 'adopt', adoptedCode: 'ASTM D638-14', degree: 'MOD' }).ok).toBe(true);
    expect(validateWorkKind({ kind: 'adopt', adoptedCode: 'GB/T 19001-2016', degree: 'IDT' })).toEqual({
      ok: false,
      error: {
        reason:
          "adoptedCode must be an international or advanced foreign standard; 'GB/T 19001-2016' is national",
        field: 'adoptedCode',
      },
    });
    expect(validateWorkKind({ kind: 'adopt', adoptedCode: 'ISO 9001:2015' })).toMatchObject({
      ok: false,
      error: { field: 'degree' },
    });
    expect(validateWorkKind({ kind: 'adopt', adoptedCode: 'ISO 9001:2015', degree: 'EQV' })).toEqual({
      ok: false,
      error: { reason: "degree must be one of IDT, MOD, NEQ, not 'EQV'", field: 'degree' },
    });
    expect(validateWorkKind({ kind: 'adopt', degree: 'IDT' })).toMatchObject({
      ok: false,
      error: { field: 'adoptedCode' },
    });
  });

  it('refuses fields that belong to another kind, and unknown kinds', () => {
    expect(validateWorkKind({ kind: 'formulate', degree: 'IDT' })).toEqual({
      ok: false,
      error: { reason: "degree does not apply to kind 'formulate'", field: 'degree' },
    });
    expect(
      validateWorkKind({ kind: 'revise', replacesCode: 'GB 1-2000', adoptedCode: 'ISO 1:2002' }),
    ).toMatchObject({
      ok: false,
      error: { field: 'adoptedCode' },
    });
    expect(validateWorkKind({ kind: 'translate' })).toEqual({
      ok: false,
      error: { reason: "kind must be one of formulate, revise, adopt, not 'translate'", field: 'kind' },
    });
  });
});
