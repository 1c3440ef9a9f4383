// Generators of valid codes of every level, written out by hand (not by formatStandardCode), so
// the properties test the parser and formatter against an independent description of the syntax.
import fc from 'fast-check';
import { INDUSTRY_SECTORS, PROVINCES_BY_CODE } from '../../src/domain/standard-code.js';

/** The clock the properties run with: years up to 2027 are valid. */
export const NOW = new Date('2026-06-01T00:00:00Z');

const year = fc.integer({ min: 1946, max: 2027 });
const digits = (min: number, max: number) => fc.stringMatching(new RegExp(`^[0-9]{${min},${max}}$`));
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const opt = (text: string | undefined, before: string) => (text === undefined ? '' : `${before}${text}`);
const province = fc.constantFrom(...PROVINCES_BY_CODE.keys());

/** `number[.part][-year][/XGn[-year]]`, the tail shared by every Chinese level. */
const chineseTail = (number: fc.Arbitrary<string>) =>
  fc
    .record({
      number,
      parts: fc.array(digits(1, 2), { maxLength: 2 }),
      year: maybe(year),
      xg: maybe(
        fc.record({ n: fc.integer({ min: 1, max: 9 }), later: maybe(fc.integer({ min: 0, max: 3 })) }),
      ),
    })
    .map(({ number, parts, year, xg }) => {
      let text = number + parts.map((p) => `.${p}`).join('');
      if (year === undefined) return text;
      text += `-${year}`;
      if (xg) text += `/XG${xg.n}${xg.later === undefined ? '' : `-${Math.min(year + xg.later, 2027)}`}`;
      return text;
    });

const nature = fc.constantFrom('', '/T', '/Z');

const national = fc.tuple(nature, chineseTail(digits(1, 5))).map(([n, tail]) => `GB${n} ${tail}`);
const industry = fc
  .tuple(fc.constantFrom(...INDUSTRY_SECTORS.keys()), nature, chineseTail(digits(1, 5)))
  .map(([prefix, n, tail]) => `${prefix}${n} ${tail}`);
const local = fc
  .tuple(
    province,
    maybe(fc.integer({ min: 1, max: 99 })),
    fc.constantFrom('', '/T'),
    chineseTail(digits(1, 4)),
  )
  .map(
    ([p, city, n, tail]) => `DB${p}${city === undefined ? '' : String(city).padStart(2, '0')}${n} ${tail}`,
  );
const orgCode = fc.stringMatching(/^[A-Z][A-Z0-9]{0,7}$/);
const group = fc.tuple(orgCode, chineseTail(digits(1, 5))).map(([body, tail]) => `T/${body} ${tail}`);
const enterprise = fc
  .tuple(maybe(fc.tuple(province, digits(4, 4))), orgCode, chineseTail(fc.stringMatching(/^[0-9]{1,4}S?$/)))
  .map(([area, body, tail]) => `Q/${area ? `${area[0]}${area[1]} ` : ''}${body} ${tail}`);

const isoBody = fc.constantFrom('ISO', 'IEC', 'ISO/IEC', 'IEC/IEEE', 'ISO/IEC/IEEE', 'ISO/ASTM');
const isoDeliverable = fc.constantFrom('', '/TR', '/TS', '/PAS', ' Guide');
const isoParts = fc.array(digits(1, 3), { maxLength: 2 }).map((parts) => parts.map((p) => `-${p}`).join(''));
const isoSupplement = (base: number) =>
  fc
    .tuple(
      fc.constantFrom('Amd', 'Cor'),
      fc.integer({ min: 1, max: 5 }),
      maybe(fc.integer({ min: base, max: 2027 })),
    )
    .map(([kind, n, y]) => `/${kind} ${n}${opt(y?.toString(), ':')}`);
const international = fc
  .tuple(isoBody, isoDeliverable, digits(1, 5), isoParts, maybe(year))
  .chain(([body, deliv, number, parts, y]) =>
    (y === undefined ? fc.constant('') : fc.oneof(fc.constant(''), isoSupplement(y))).map(
      (supplement) => `${body}${deliv} ${number}${parts}${opt(y?.toString(), ':')}${supplement}`,
    ),
  );
const itu = fc
  .tuple(fc.constantFrom('ITU-T', 'ITU-R'), fc.stringMatching(/^[A-Z]{1,2}\.[0-9]{1,4}$/))
  .map(([body, rec]) => `${body} ${rec}`);

const astm = fc
  .tuple(fc.stringMatching(/^[A-G][0-9]{1,4}M?$/), maybe(digits(2, 2)))
  .map(([number, yy]) => `ASTM ${number}${opt(yy, '-')}`);
const europeanBody = fc.constantFrom(
  'EN',
  'EN ISO',
  'DIN',
  'DIN EN',
  'DIN EN ISO',
  'BS',
  'BS EN',
  'BS EN ISO',
  'NF EN IEC',
  'UNE',
  'UNI EN',
  'NEN',
);
const european = fc
  .tuple(europeanBody, digits(1, 5), isoParts, maybe(year), fc.integer({ min: 0, max: 2 }))
  .map(
    ([body, number, parts, y, a]) =>
      `${body} ${number}${parts}${opt(y?.toString(), ':')}${y !== undefined && a > 0 ? `+A${a}:${Math.min(y + a, 2027)}` : ''}`,
  );
const division = fc
  .tuple(fc.constantFrom('JIS', 'KS'), fc.stringMatching(/^[A-Z]$/), digits(4, 4), isoParts, maybe(year))
  .map(([body, letter, number, parts, y]) => `${body} ${letter} ${number}${parts}${opt(y?.toString(), ':')}`);
const dashed = fc
  .tuple(
    fc.constantFrom('ANSI', 'ANSI/ASHRAE', 'ASME', 'IEEE', 'UL', 'GOST', 'GOST R'),
    fc.stringMatching(/^[0-9]{1,5}(\.[0-9]{1,2})?$/),
    fc.array(digits(1, 3), { maxLength: 2 }),
    maybe(year),
  )
  .map(
    ([body, number, parts, y]) =>
      `${body} ${number}${parts.map((p) => `-${p}`).join('')}${opt(y?.toString(), '-')}`,
  );

export const validCodeByLevel = {
  international: fc.oneof(international, itu),
  foreign: fc.oneof(astm, european, division, dashed),
  national,
  industry,
  local,
  group,
  enterprise,
} as const;

/** A valid code in canonical form, of any level. */
export const canonicalCode = fc.oneof(...Object.values(validCodeByLevel));

const FULL_WIDTH_OFFSET = 0xfee0;

/** The same code as people type or paste it: other case, full-width forms, dashes, spacing. */
export const messyVariant = (canonical: string) =>
  fc
    .record({
      lower: fc.boolean(),
      fullWidth: fc.boolean(),
      dash: fc.constantFrom('-', '\u2013', '\u2014', '\uFF0D'),
      pad: fc.constantFrom('', ' ', '\u3000', '\t'),
      doubleSpaces: fc.boolean(),
    })
    .map(({ lower, fullWidth, dash, pad, doubleSpaces }) => {
      let text = lower ? canonical.toLowerCase() : canonical;
      if (doubleSpaces) text = text.replace(/ /g, '  ');
      if (fullWidth) {
        text = text.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + FULL_WIDTH_OFFSET));
      }
      text = text.replace(/[-\uFF0D]/g, dash);
      return `${pad}${text}${pad}`;
    });
