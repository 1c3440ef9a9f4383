import { describe, expect, it } from 'vitest';
import {
  formatStandardCode,
  INDUSTRY_SECTORS,
  parseStandardCode,
  type ParsedStandardCode,
} from '../../src/domain/standard-code.js';

const now = new Date('2026-06-01T00:00:00Z');

function parsed(input: string): ParsedStandardCode {
  const result = parseStandardCode(input, { now });
  if (!result.ok) throw new Error(`${input}: ${result.error.reason}`);
  return result.code;
}

function refusal(input: string) {
  const result = parseStandardCode(input, { now });
  if (result.ok) throw new Error(`${input} was accepted as ${result.code.normalized}`);
  return result.error;
}

describe('parseStandardCode: international', () => {
  it.each([
    ['ISO 9001:2015', { body: 'ISO', number: '9001', year: 2015 }],
    ['ISO/IEC 27001:2022', { body: 'ISO/IEC', number: '27001', year: 2022 }],
    ['ISO 19115-1:2014', { body: 'ISO', number: '19115', part: '1', year: 2014 }],
    ['IEC 60335-1:2020', { body: 'IEC', number: '60335', part: '1', year: 2020 }],
    ['IEC 60335-2-24:2020', { body: 'IEC', number: '60335', part: '2-24' }],
    ['ISO/IEC/IEEE 8802-3:2021', { body: 'ISO/IEC/IEEE', number: '8802', part: '3' }],
    ['ISO/TR 7035-2:2024', { deliverable: 'TR', nature: 'guidance' }],
    ['ISO/IEC Guide 98-3:2008', { body: 'ISO/IEC', deliverable: 'Guide', nature: 'guidance' }],
    ['ISO/TS 22002-1:2009', { deliverable: 'TS', nature: 'recommended' }],
    ['ITU-T X.509', { body: 'ITU-T', number: 'X.509' }],
    ['ITU-R BT.709', { body: 'ITU-R', number: 'BT.709' }],
  ])('%s', (input, expected) => {
    const code = parsed(input);
    expect(code).toMatchObject({ level: 'international', nature: 'recommended', ...expected });
    expect(code.normalized).toBe(input);
  });

  it('reads amendments and corrigenda in their usual spellings', () => {
    expect(parsed('ISO 9001:2015/Amd 1:2024')).toMatchObject({
      year: 2015,
      amendment: { kind: 'Amd', number: 1, year: 2024 },
    });
    expect(parsed('IEC 60335-1:2010/AMD1:2013').normalized).toBe('IEC 60335-1:2010/Amd 1:2013');
    expect(parsed('ISO 1101:2017/Cor.1:2018').normalized).toBe('ISO 1101:2017/Cor 1:2018');
    expect(parsed('ISO/IEC 19566-7:2022/Amd 1:2025').amendment).toEqual({
      kind: 'Amd',
      number: 1,
      year: 2025,
    });
  });

  it('refuses malformed international codes precisely', () => {
    expect(refusal('ISO 9001-2015')).toEqual({
      reason: "ISO and IEC codes separate the year with ':', not '-'",
      position: 9,
    });
    expect(refusal('ISO 9001:15')).toEqual({ reason: 'year must be 4 digits', position: 9 });
    expect(refusal('ISO 9001/Amd 1:2024').reason).toBe(
      'an amendment needs the year of the standard it amends',
    );
    expect(refusal('ISO 9001:2015/Amd 1:2010').reason).toBe(
      "amendment year 2010 is before the standard's year 2015",
    );
    expect(refusal('ISO 9001:2015/Amd 0').reason).toBe('amendment number must be 1 or more');
    expect(refusal('ISO/XX 1').reason).toBe("unknown publisher or deliverable type 'XX' after 'ISO'");
    expect(refusal('ISO/IEC/ISO 1').reason).toBe("'ISO' is named twice");
    expect(refusal('ISO').reason).toBe("missing number after 'ISO'");
    expect(refusal('ISO/TR').reason).toBe("missing number after 'ISO/TR'");
    expect(refusal('ISO 9001:2015 draft')).toEqual({ reason: "unexpected 'draft'", position: 14 });
    expect(refusal('ITU-X 1').reason).toBe("ITU codes start with 'ITU-T' or 'ITU-R'");
  });
});

describe('parseStandardCode: advanced foreign', () => {
  it.each([
    ['ASTM D638-14', { body: 'ASTM', number: 'D638', year: 2014 }],
    ['ASTM A36/A36M-19', { body: 'ASTM', number: 'A36/A36M', year: 2019 }],
    ['ASTM E8/E8M-99', { year: 1999 }],
    ['EN 71-3:2019', { body: 'EN', number: '71', part: '3', year: 2019 }],
    ['EN 71-3:2019+A1:2021', { amendment: { kind: 'A', number: 1, year: 2021 } }],
    ['BS EN ISO 9001:2015', { body: 'BS EN ISO', number: '9001' }],
    ['DIN EN 71-3:2019', { body: 'DIN EN' }],
    ['NF EN ISO/IEC 17025:2017', { body: 'NF EN ISO/IEC' }],
    ['DIN 476-1:2009', { body: 'DIN', number: '476', part: '1', year: 2009 }],
    ['BS 1363-1:2016+A1:2018', { body: 'BS', part: '1' }],
    ['JIS Z 8301:2019', { body: 'JIS', number: 'Z 8301', year: 2019 }],
    ['KS C 9610:2020', { body: 'KS', number: 'C 9610' }],
    ['ANSI Z535.1-2017', { body: 'ANSI', number: 'Z535.1', year: 2017 }],
    ['ANSI/ASHRAE 90.1-2019', { body: 'ANSI/ASHRAE', number: '90.1' }],
    ['IEEE 802.3-2018', { body: 'IEEE', number: '802.3', year: 2018 }],
    ['ASME B31.3-2020', { body: 'ASME', number: 'B31.3' }],
    ['GOST R 56020-2014', { body: 'GOST R', number: '56020' }],
    ['UL 60950-1', { body: 'UL', number: '60950', part: '1' }],
  ])('%s', (input, expected) => {
    const code = parsed(input);
    expect(code).toMatchObject({ level: 'foreign', nature: 'recommended', ...expected });
    expect(code.normalized).toBe(input);
  });

  it('normalises variants of the same foreign code', () => {
    expect(parsed('IEEE Std 802.3-2018').normalized).toBe('IEEE 802.3-2018');
    expect(parsed('JIS Z8301:2019').normalized).toBe('JIS Z 8301:2019');
    expect(parsed('astm d638-2014').normalized).toBe('ASTM D638-14');
  });

  it('refuses malformed foreign codes', () => {
    expect(refusal('ASTM D638-1').reason).toBe('ASTM year must be 2 digits (or 4)');
    expect(refusal('ASTM D638-1920').reason).toBe(
      'ASTM year 1920 cannot be written with 2 digits unambiguously',
    );
    expect(refusal('DIN 476:1890').reason).toBe('year 1890 is before 1900');
    expect(refusal('JIS 8301').reason).toBe("missing number after 'JIS'");
    expect(refusal('ANSI Z535.1-2099').reason).toBe('year 2099 is after 2027');
  });
});

describe('parseStandardCode: Chinese levels', () => {
  it.each([
    ['GB 2760-2014', { level: 'national', body: 'GB', nature: 'mandatory', number: '2760', year: 2014 }],
    ['GB/T 19001-2016', { level: 'national', nature: 'recommended', number: '19001' }],
    ['GB/Z 41045-2021', { level: 'national', nature: 'guidance' }],
    ['GB 4706.1-2005', { number: '4706', part: '1' }],
    ['GB/T 1.1-2020', { number: '1', part: '1' }],
    ['GB 2760-2014/XG1-2020', { amendment: { kind: 'XG', number: 1, year: 2020 } }],
    ['JB/T 4730-2005', { level: 'industry', body: 'JB', nature: 'recommended' }],
    ['YY 0505-2012', { level: 'industry', body: 'YY', nature: 'mandatory', number: '0505' }],
    ['JGJ 3-2010', { level: 'industry', body: 'JGJ' }],
    [
      'DB/T 15-2009',
      { level: 'industry', body: 'DB', sector: { prefix: 'DB', nameZh: '地震', nameEn: 'Seismology' } },
    ],
    ['DB50/T 1234-2020', { level: 'local', body: 'DB50', region: '50', nature: 'recommended' }],
    ['DB50 1234-2020', { level: 'local', nature: 'mandatory' }],
    ['DB5001/T 12-2021', { level: 'local', body: 'DB5001', region: '5001' }],
    ['T/CAS 115-2005', { level: 'group', body: 'CAS', nature: 'recommended', number: '115', year: 2005 }],
    ['T/CECS 10001-2019', { level: 'group', body: 'CECS' }],
    ['Q/ABC 001-2024', { level: 'enterprise', body: 'ABC', number: '001', year: 2024 }],
    ['Q/320100 ABC 001-2024', { level: 'enterprise', body: 'ABC', region: '320100' }],
    ['Q/YLY 0001S-2019', { level: 'enterprise', number: '0001S' }],
    ['GB/T 19001', { number: '19001' }],
  ])('%s', (input, expected) => {
    const code = parsed(input);
    expect(code).toMatchObject(expected);
    expect(code.normalized).toBe(input);
  });

  it('names the sector of every industry prefix', () => {
    expect(INDUSTRY_SECTORS.size).toBeGreaterThanOrEqual(60);
    expect(parsed('NY/T 391-2021').sector).toEqual({ prefix: 'NY', nameZh: '农业', nameEn: 'Agriculture' });
    for (const prefix of ['JB', 'QB', 'NY', 'HG', 'YY', 'SB', 'LB']) {
      expect(parsed(`${prefix}/T 1-2020`).sector?.prefix).toBe(prefix);
    }
  });

  it('normalises full-width characters, dashes, case and spacing', () => {
    expect(parsed('ＧＢ／Ｔ　１９００１－２０１６').normalized).toBe('GB/T 19001-2016');
    expect(parsed('  gb/t19001—2016 ').normalized).toBe('GB/T 19001-2016');
    expect(parsed('GB / T 19001 – 2016').normalized).toBe('GB/T 19001-2016');
    expect(parsed('db50/t1234-2020').normalized).toBe('DB50/T 1234-2020');
    expect(parsed('t/cas 115—2005').normalized).toBe('T/CAS 115-2005');
    expect(parsed('ISO 9001：2015').normalized).toBe('ISO 9001:2015');
  });

  it('refuses malformed Chinese codes with the reason and position', () => {
    expect(refusal('XX/T 123-2020')).toEqual({ reason: "unknown industry prefix 'XX/T'", position: 0 });
    expect(refusal('GB/T 123-1890')).toEqual({ reason: 'year 1890 is before 1946', position: 9 });
    expect(refusal('GB/T 19001-16')).toEqual({ reason: 'year must be 4 digits', position: 11 });
    expect(refusal('GB/T 19001-2028').reason).toBe('year 2028 is after 2027');
    expect(refusal('GB/T')).toEqual({ reason: "missing number after 'GB/T'", position: 4 });
    expect(refusal('GB/T 19001-').reason).toBe("missing year after '-'");
    expect(refusal('GB/X 1-2020').reason).toBe("unknown prefix 'GB/X': expected 'GB', 'GB/T' or 'GB/Z'");
    expect(refusal('GBT 19001-2016').reason).toBe("missing '/' in 'GBT': write 'GB/T'");
    expect(refusal('DB99/T 1-2020').reason).toBe("unknown province code '99' in 'DB99'");
    expect(refusal('DB501/T 1-2020').reason).toBe(
      "local standard code 'DB501' needs a 2-digit province or 4-digit city code",
    );
    expect(refusal('DB5000/T 1-2020').reason).toBe("'DB5000' is not a city code");
    expect(refusal('DB50/Z 1-2020').reason).toBe("unknown prefix 'DB50/Z': expected 'DB50' or 'DB50/T'");
    expect(refusal('T/').reason).toBe("missing group code after 'T/'");
    expect(refusal('T/123 115-2005').reason).toBe("group code '123' must contain letters");
    expect(refusal('Q/990000 ABC 1-2020').reason).toBe("unknown province code '99' in area code '990000'");
    expect(refusal('GB 2760/XG1').reason).toBe('an amendment needs the year of the standard it amends');
    expect(refusal('GB/T 19001-2016 idt').reason).toBe("unexpected 'idt'");
  });
});

describe('parseStandardCode: anything else', () => {
  it('refuses empty, overlong, unknown and non-string input without throwing', () => {
    expect(refusal('   ')).toEqual({ reason: 'code is empty' });
    expect(refusal('GB/T 1'.padEnd(500, '1')).reason).toBe('code is longer than 120 characters');
    expect(refusal('FOO 1-2020')).toEqual({ reason: "unknown standard prefix 'FOO'", position: 0 });
    expect(refusal('19001-2016').reason).toBe('a code starts with a prefix such as GB/T, ISO or T/');
    expect(refusal(42 as unknown as string).reason).toBe('code must be a string');
  });

  it('uses the current year + 1 as the latest year by default', () => {
    const next = new Date().getUTCFullYear() + 1;
    expect(parseStandardCode(`GB/T 1-${next}`).ok).toBe(true);
    expect(parseStandardCode(`GB/T 1-${next + 1}`).ok).toBe(false);
  });
});

describe('formatStandardCode', () => {
  it('writes every level canonically', () => {
    expect(
      formatStandardCode({
        level: 'national',
        body: 'GB',
        nature: 'recommended',
        number: '19001',
        year: 2016,
      }),
    ).toBe('GB/T 19001-2016');
    expect(
      formatStandardCode({ level: 'local', body: 'DB50', nature: 'mandatory', number: '1', region: '50' }),
    ).toBe('DB50 1');
    expect(
      formatStandardCode({
        level: 'enterprise',
        body: 'ABC',
        nature: 'recommended',
        number: '001',
        region: '320100',
      }),
    ).toBe('Q/320100 ABC 001');
    expect(
      formatStandardCode({
        level: 'foreign',
        body: 'ASTM',
        nature: 'recommended',
        number: 'D638',
        year: 2005,
      }),
    ).toBe('ASTM D638-05');
  });
});
