import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatStandardCode, parseStandardCode } from '../../src/domain/standard-code.js';
import { canonicalCode, messyVariant, NOW, validCodeByLevel } from './standard-code-arbitraries.js';

const parse = (input: string) => parseStandardCode(input, { now: NOW });

describe('parseStandardCode properties', () => {
  it.each(Object.entries(validCodeByLevel))(
    'accepts generated %s codes, in canonical form',
    (level, arbitrary) => {
      fc.assert(
        fc.property(arbitrary, (text) => {
          const result = parse(text);
          expect(result, text).toMatchObject({ ok: true, code: { level, normalized: text } });
        }),
        { numRuns: 300 },
      );
    },
  );

  it('round-trips: format(parse(x)) is the normalised text, and parsing it again changes nothing', () => {
    fc.assert(
      fc.property(canonicalCode, (text) => {
        const result = parse(text);
        if (!result.ok) throw new Error(`${text}: ${result.error.reason}`);
        const { normalized, ...parts } = result.code;
        expect(formatStandardCode(parts)).toBe(normalized);
        expect(parse(normalized)).toEqual(result);
      }),
      { numRuns: 1000 },
    );
  });

  it('normalises case, full-width forms, dashes and spacing to the same code', () => {
    const pair = canonicalCode.chain((text) => messyVariant(text).map((messy) => [text, messy] as const));
    fc.assert(
      fc.property(pair, ([text, messy]) => {
        expect(parse(messy)).toEqual(parse(text));
      }),
      { numRuns: 1000 },
    );
  });

  it('never throws on garbage, and anything it accepts is stable', () => {
    const mutated = fc
      .tuple(canonicalCode, fc.nat(), fc.constantFrom('', '/', '-', ':', '.', ' ', 'X', '9', '+A', '/XG'))
      .map(([text, at, insert]) => {
        const i = at % (text.length + 1);
        return text.slice(0, i) + insert + text.slice(i + (insert === '' ? 1 : 0));
      });
    const garbage = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc.stringMatching(/^[A-Z0-9/:. +-]{0,30}$/),
      mutated,
    );
    fc.assert(
      fc.property(garbage, (input) => {
        const result = parse(input);
        if (!result.ok) {
          expect(result.error.reason).not.toBe('');
          return;
        }
        expect(parse(result.code.normalized)).toEqual(result);
      }),
      { numRuns: 3000 },
    );
  });
});
