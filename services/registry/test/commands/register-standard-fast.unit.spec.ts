// The import's fast check of a standard row against the schema it stands in for: it may decline any
// row (zod then decides), but a row it accepts must be one zod accepts, with the very same value.
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RegisterStandardInput } from '../../src/commands/register-standard.js';
import { registerStandardFast } from '../../src/commands/register-standard-fast.js';
import { canonicalCode, messyVariant } from '../domain/standard-code-arbitraries.js';
import { loquat } from '../fixtures.js';

const ABSENT = Symbol('absent');
/** A revision of the row's own code. */
const SELF = Symbol('self');

/** Rows that pass the schema, in every combination of kind, stage and dates it allows. */
const validRow = fc
  .record({
    code: fc.oneof(canonicalCode, canonicalCode.chain(messyVariant)),
    title: fc.constantFrom({ zh: '枇杷' }, { zh: ' 枇杷 ', en: ' Loquat ' }),
    ics: fc.constantFrom<unknown>(ABSENT, [], ['65.020.20', '91.100.10']),
    ccs: fc.constantFrom<unknown>(ABSENT, ['B31']),
    sector: fc.constantFrom('planting', '  planting '),
    project: fc.constantFrom<unknown>(ABSENT, 1, 5),
    path: fc.constantFrom(
      { work: { kind: 'existing' }, stage: 'published', publishedOn: '2014-06-01' },
      { work: { kind: 'formulate' } },
      { work: { kind: 'formulate' }, stage: 'drafting' },
      {
        work: { kind: 'formulate' },
        stage: 'published',
        publishedOn: '2020-02-29',
        effectiveOn: '2020-08-01',
      },
      { work: { kind: 'revise', replacesCode: 'GB/T 1-2000' }, stage: 'plan-issued' },
      { work: { kind: 'adopt', adoptedCode: 'ISO 679:2009', degree: 'MOD' } },
    ),
    leadOrganisation: fc.constantFrom<unknown>(ABSENT, 'Gulou Cooperative', '  Gulou  '),
    participants: fc.constantFrom<unknown>(ABSENT, [], ['A', ' B ']),
    inDistrict: fc.constantFrom<unknown>(ABSENT, true, false),
    town: fc.constantFrom<unknown>(ABSENT, 'Longfeng'),
    reason: fc.constantFrom<unknown>(ABSENT, 'why', '  why  ', '', ` ${'x'.repeat(2000)} `),
  })
  .map(({ path, ...r }) => {
    const out: Record<string, unknown> = { ...path };
    for (const [k, v] of Object.entries(r)) if (v !== ABSENT) out[k] = v;
    return out;
  });

/** What a broken or borderline row can have instead, field by field (ABSENT: the field left out). */
const MUTATIONS: Record<string, unknown[]> = {
  code: [ABSENT, '', 'XX/T 1-2014', 'GB/T 3000-14', 'x'.repeat(201), 42, null],
  title: [
    ABSENT,
    { zh: '' },
    { zh: '   ' },
    { zh: '枇杷', en: '' },
    { zh: '枇杷', en: undefined },
    { zh: '枇杷', fr: 'x' },
    { zh: 'x'.repeat(301) },
    { en: 'Loquat' },
    '枇杷',
    null,
  ],
  ics: [['99.999'], [7], 'x', Array(21).fill('65.020.20'), undefined],
  ccs: [['ZZ9'], ['B31', 5]],
  sector: [ABSENT, '', ' ', 5, 'x'.repeat(301)],
  project: [0, 6, 2.5, '2', Number.NaN, Infinity, undefined],
  work: [
    ABSENT,
    SELF,
    { kind: 'revise' },
    { kind: 'revise', replacesCode: 'GB/T 1-200' },
    { kind: 'adopt', adoptedCode: 'GB/T 1-2000', degree: 'IDT' },
    { kind: 'adopt', adoptedCode: 'ISO 679:2009' },
    { kind: 'adopt', adoptedCode: 'ISO 679:2009', degree: 'XYZ' },
    { kind: 'existing', degree: 'IDT' },
    { kind: 'formulate', replacesCode: 'GB/T 1-2000' },
    { kind: 'bogus' },
    { kind: 'existing', extra: true },
    'existing',
  ],
  stage: [ABSENT, 'plan-issued', 'drafting', 'published', 'review', 'withdrawn', 'bogus', 3],
  leadOrganisation: ['', 7, undefined],
  participants: [[''], ['A', 3], Array(101).fill('A'), 'A'],
  inDistrict: ['true', 0],
  town: [' ', 1],
  publishedOn: [ABSENT, '2014-06-01', '2015-02-30', '1945-12-31', '2099-01-01', '2014-6-1', 20140601],
  effectiveOn: ['2014-01-01', '2015-02-29', '2016-02-29', 'soon'],
  reason: ['x'.repeat(2001), 3],
  type: ['standard'],
  comment: ['x'],
};

/** A valid row, sometimes with a few fields changed to something else. */
const row = fc
  .tuple(
    validRow,
    fc.array(
      fc
        .constantFrom(...Object.keys(MUTATIONS))
        .chain((key) => fc.constantFrom(...MUTATIONS[key]!).map((value) => [key, value] as const)),
      { maxLength: 2 },
    ),
  )
  .map(([valid, changes]) => {
    const out: Record<string, unknown> = { ...valid };
    for (const [key, value] of changes) {
      if (value === ABSENT) delete out[key];
      else if (value === SELF) out[key] = { kind: 'revise', replacesCode: out.code };
      else out[key] = value;
    }
    return out;
  });

describe('registerStandardFast', () => {
  it('accepts only rows the schema accepts, with the value the schema gives', () => {
    let accepted = 0;
    fc.assert(
      fc.property(row, (input) => {
        const fast = registerStandardFast(input);
        if (fast === undefined) return true;
        accepted++;
        const zod = RegisterStandardInput.safeParse(input);
        return zod.success && isDeepStrictEqual(fast, zod.data);
      }),
      { numRuns: 20_000, seed: 20_261_126 },
    );
    // The property means little unless many rows take the fast path (and many do not).
    expect(accepted).toBeGreaterThan(5_000);
    expect(accepted).toBeLessThan(18_000);
  });

  it('takes the fast path for the rows a department sends', () => {
    const rows = [
      loquat,
      {
        code: 'GB/T 30000-2014',
        title: { zh: '水泥' },
        ics: ['91.100.10'],
        sector: 'cement',
        work: { kind: 'adopt', adoptedCode: 'ISO 679:2009', degree: 'MOD' },
        stage: 'published',
        publishedOn: '2014-10-01',
        effectiveOn: '2015-04-01',
        inDistrict: false,
        reason: ' catalogue ',
      },
      {
        code: 'gb/t 3001—2015',
        title: { zh: '修订' },
        sector: 'x',
        work: { kind: 'revise', replacesCode: 'GB/T 3001-2005' },
      },
    ];
    for (const input of rows) {
      const fast = registerStandardFast(input);
      expect(fast).toBeDefined();
      expect(fast).toStrictEqual(RegisterStandardInput.parse(input));
    }
  });
});
