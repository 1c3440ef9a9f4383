import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compareSymbols,
  findSymbols,
  formatSymbol,
  parseSymbol,
  type NotificationSymbol,
} from '../../src/domain/symbol.js';

function parsed(input: string): NotificationSymbol {
  const result = parseSymbol(input);
  if (!result.ok) throw new Error(`${input}: ${result.error.reason}`);
  return result.symbol;
}

describe('parseSymbol', () => {
  it('reads a notification', () => {
    expect(parsed('G/TBT/N/CHN/1234')).toEqual({
      normalized: 'G/TBT/N/CHN/1234',
      area: 'TBT',
      member: 'CHN',
      memberCode: 'CHN',
      number: 1234,
      chain: [],
      kind: 'notification',
      base: 'G/TBT/N/CHN/1234',
      threadKey: 'G/TBT/N/CHN/1234',
    });
  });

  it('reads a chained revision addendum: base is the revision, thread is the original', () => {
    expect(parsed('G/TBT/N/EU/1050/Rev.1/Add.1')).toMatchObject({
      area: 'TBT',
      member: 'EU',
      number: 1050,
      chain: [
        { kind: 'Rev', n: 1 },
        { kind: 'Add', n: 1 },
      ],
      kind: 'addendum',
      base: 'G/TBT/N/EU/1050/Rev.1',
      parent: 'G/TBT/N/EU/1050/Rev.1',
      threadKey: 'G/TBT/N/EU/1050',
    });
  });

  it.each([
    ['G/SPS/N/USA/3500/Add.2', 'addendum', 'G/SPS/N/USA/3500', 'G/SPS/N/USA/3500'],
    ['G/TBT/N/KOR/1100/Corr.1', 'corrigendum', 'G/TBT/N/KOR/1100', 'G/TBT/N/KOR/1100'],
    ['G/TBT/N/BRA/900/Rev.2', 'revision', 'G/TBT/N/BRA/900/Rev.2', 'G/TBT/N/BRA/900'],
    ['G/TBT/N/IND/77/Add.1/Corr.1', 'corrigendum', 'G/TBT/N/IND/77', 'G/TBT/N/IND/77/Add.1'],
  ])('%s is a %s with base %s (parent %s)', (text, kind, base, parent) => {
    const symbol = parsed(text);
    expect(symbol).toMatchObject({ kind, base, parent, normalized: text });
  });

  it('forgives case, full-width forms, spaces, ADD 1 spellings and leading zeros', () => {
    expect(parsed(' g / tbt / n / eu / 01050 / rev. 1 / ADD1 ').normalized).toBe(
      'G/TBT/N/EU/1050/Rev.1/Add.1',
    );
    expect(parsed('Ｇ／ＴＢＴ／Ｎ／ＣＨＮ／１２３').normalized).toBe('G/TBT/N/CHN/123');
  });

  it('knows the special member codes: TPKM, HKG, and EEC for old EU symbols', () => {
    expect(parsed('G/TBT/N/TPKM/541').memberCode).toBe('TPKM');
    expect(parsed('G/TBT/N/HKG/12').memberCode).toBe('HKG');
    expect(parsed('G/TBT/N/EEC/284')).toMatchObject({
      member: 'EEC',
      memberCode: 'EU',
      normalized: 'G/TBT/N/EEC/284',
    });
  });

  it.each([
    ['', 'a notification symbol is empty', undefined],
    ['TBT/N/CHN/1', 'must start with G/TBT/N/ or G/SPS/N/', 0],
    ['G/TTB/N/CHN/1', "'TTB' is not TBT or SPS", 2],
    ['G/TBT/X/CHN/1', 'expected N (notification series)', 6],
    ['G/TBT/N/C1N/1', "'C1N' is not a member code", 8],
    ['G/TBT/N/XYZ/1', "'XYZ' is not the code of a WTO member", 8],
    ['G/TBT/N/DE/1', "'DE' is not the code of a WTO member", 8],
    ['G/TBT/N/CHN', 'has no notification number', 11],
    ['G/TBT/N/CHN/12a', "notification number '12a' must be a positive whole number", 12],
    ['G/TBT/N/CHN/0', "notification number '0' must be a positive whole number", 12],
    ['G/TBT/N/CHN/1/Amd.1', "'Amd.1' is not a suffix (expected Add.k, Corr.k or Rev.k)", 14],
    ['G/TBT/N/CHN/1/Add.0', 'Add.0 — suffix numbers start at 1', 14],
    ['G/TBT/N/CHN/1/Add.1/Add.2/Add.3/Add.4/Add.5', 'at most 4 are accepted', 14],
  ])('refuses %j: %s', (input, reason, position) => {
    const result = parseSymbol(input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.reason).toContain(reason);
    expect(result.error.field).toBe('symbol');
    expect(result.error.position).toBe(position);
  });

  it('round-trips: format(parse(x)) = x for generated symbols', () => {
    const step = fc.record({
      kind: fc.constantFrom('Add' as const, 'Corr' as const, 'Rev' as const),
      n: fc.integer({ min: 1, max: 99 }),
    });
    const symbol = fc.record({
      area: fc.constantFrom('TBT' as const, 'SPS' as const),
      member: fc.constantFrom('CHN', 'USA', 'EU', 'KOR', 'BRA', 'IND', 'THA', 'TPKM', 'DEU'),
      number: fc.integer({ min: 1, max: 99_999 }),
      chain: fc.array(step, { maxLength: 4 }),
    });
    fc.assert(
      fc.property(symbol, (parts) => {
        const text = formatSymbol(parts);
        const result = parsed(text.toLowerCase().replace(/\//g, ' / '));
        expect(result.normalized).toBe(text);
        expect(result.chain).toEqual(parts.chain);
        expect(result.threadKey).toBe(formatSymbol({ ...parts, chain: [] }));
        expect(parsed(result.base).kind === 'notification' || parsed(result.base).kind === 'revision').toBe(
          true,
        );
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on garbage', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (input) => {
        const result = parseSymbol(input);
        if (result.ok) expect(parseSymbol(result.symbol.normalized)).toEqual(result);
      }),
      { numRuns: 500 },
    );
  });
});

describe('findSymbols', () => {
  it('finds symbols quoted in free text, each once, in order', () => {
    const text =
      'which was formerly notified in G/TBT/N/EGY/2 dated 14 December 2005, … notified in G/TBT/N/EGY/2/Add.1 dated 15 August 2016; again G/TBT/N/EGY/2.';
    expect(findSymbols(text).map((s) => s.normalized)).toEqual(['G/TBT/N/EGY/2', 'G/TBT/N/EGY/2/Add.1']);
    expect(findSymbols('The draft texts notified in “G/TBT/N/TPKM/541” were adopted')[0]?.normalized).toBe(
      'G/TBT/N/TPKM/541',
    );
    expect(findSymbols('no symbol here, G/TBT/N/ZZZ/1 is not a member')).toEqual([]);
  });
});

describe('compareSymbols', () => {
  it('orders a thread: original, addenda, corrigenda, revision, its addenda', () => {
    const texts = [
      'G/TBT/N/EU/1050/Rev.1/Add.1',
      'G/TBT/N/EU/1050/Add.2',
      'G/TBT/N/EU/1050/Rev.1',
      'G/TBT/N/EU/1050',
      'G/TBT/N/EU/1050/Corr.1',
      'G/TBT/N/EU/1050/Add.1',
      'G/TBT/N/EU/1050/Add.1/Corr.1',
    ];
    const sorted = texts
      .map(parsed)
      .sort(compareSymbols)
      .map((s) => s.normalized);
    expect(sorted).toEqual([
      'G/TBT/N/EU/1050',
      'G/TBT/N/EU/1050/Add.1',
      'G/TBT/N/EU/1050/Add.1/Corr.1',
      'G/TBT/N/EU/1050/Add.2',
      'G/TBT/N/EU/1050/Corr.1',
      'G/TBT/N/EU/1050/Rev.1',
      'G/TBT/N/EU/1050/Rev.1/Add.1',
    ]);
  });
});
