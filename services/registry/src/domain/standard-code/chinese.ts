import { readChineseDesignation } from './designation.js';
import { industrySector } from './industry-sectors.js';
import { provinceOf } from './regions.js';
import { type Scanner } from './scanner.js';
import { type StandardCodeParts, type StandardNature } from './types.js';
import { type YearBounds } from './years.js';

/** Reads `/T`, `/Z` (any letters after a slash) or nothing; the caller validates what it allows. */
function readNatureSuffix(scanner: Scanner): string | undefined {
  if (!scanner.take(/ ?\/ ?/y)) return undefined;
  return scanner.take(/[A-Z]+/y)?.[0] ?? '';
}

function labelOf(prefix: string, suffix: string | undefined): string {
  return suffix === undefined ? prefix : `${prefix}/${suffix}`;
}

function natureOf(
  scanner: Scanner,
  prefix: string,
  suffix: string | undefined,
  start: number,
  allowZ: boolean,
): StandardNature {
  if (suffix === undefined) return 'mandatory';
  if (suffix === 'T') return 'recommended';
  if (suffix === 'Z' && allowZ) return 'guidance';
  const expected = allowZ ? `'${prefix}', '${prefix}/T' or '${prefix}/Z'` : `'${prefix}' or '${prefix}/T'`;
  return scanner.fail(`unknown prefix '${prefix}/${suffix}': expected ${expected}`, start);
}

/** `GB 2760-2014`, `GB/T 19001-2016`, `GB/Z 41045-2021`. */
export function parseNational(scanner: Scanner, bounds: YearBounds): StandardCodeParts {
  scanner.take(/GB/y);
  const start = scanner.pos;
  const suffix = readNatureSuffix(scanner);
  const nature = natureOf(scanner, 'GB', suffix, start, true);
  const label = labelOf('GB', suffix);
  return { level: 'national', body: 'GB', nature, ...readChineseDesignation(scanner, label, bounds) };
}

/** `JB/T 4730-2005`, `YY 0505-2012`: a sector prefix from the table, mandatory without `/T`. */
export function parseIndustry(scanner: Scanner, bounds: YearBounds): StandardCodeParts {
  const prefix = scanner.take(/[A-Z]+/y)?.[0] ?? '';
  const start = scanner.pos;
  const suffix = readNatureSuffix(scanner);
  const label = labelOf(prefix, suffix);
  const sector = industrySector(prefix);
  if (!sector) scanner.fail(`unknown industry prefix '${label}'`, 0);
  const nature = natureOf(scanner, prefix, suffix, start, true);
  return {
    level: 'industry',
    body: prefix,
    nature,
    sector,
    ...readChineseDesignation(scanner, label, bounds),
  };
}

/** `DB50/T 1234-2020` (Chongqing, recommended), `DB50 1234-2020` (mandatory), `DB5001/T …` (city). */
export function parseLocal(scanner: Scanner, bounds: YearBounds): StandardCodeParts {
  scanner.take(/DB/y);
  const region = scanner.take(/\d+/y)?.[0] ?? '';
  if (region.length !== 2 && region.length !== 4) {
    scanner.fail(`local standard code 'DB${region}' needs a 2-digit province or 4-digit city code`, 2);
  }
  if (!provinceOf(region)) scanner.fail(`unknown province code '${region.slice(0, 2)}' in 'DB${region}'`, 2);
  if (region.length === 4 && region.endsWith('00')) scanner.fail(`'DB${region}' is not a city code`, 2);
  const body = `DB${region}`;
  const start = scanner.pos;
  const suffix = readNatureSuffix(scanner);
  const nature = natureOf(scanner, body, suffix, start, false);
  const label = labelOf(body, suffix);
  return { level: 'local', body, nature, region, ...readChineseDesignation(scanner, label, bounds) };
}

const MAX_ORG_CODE = 20;

/** An organisation code after `T/` or `Q/`: upper-case letters and digits, at least one letter. */
function readOrgCode(scanner: Scanner, prefix: string, what: string): string {
  const start = scanner.pos;
  const code = scanner.take(/[A-Z0-9]+/y)?.[0];
  if (code === undefined) scanner.fail(`missing ${what} code after '${prefix}'`);
  if (!/[A-Z]/.test(code)) scanner.fail(`${what} code '${code}' must contain letters`, start);
  if (code.length > MAX_ORG_CODE)
    scanner.fail(`${what} code is longer than ${MAX_ORG_CODE} characters`, start);
  return code;
}

/** `T/CAS 115-2005`: group (association, alliance) standards; voluntary. */
export function parseGroup(scanner: Scanner, bounds: YearBounds): StandardCodeParts {
  scanner.take(/T ?\/ ?/y);
  const body = readOrgCode(scanner, 'T/', 'group');
  return {
    level: 'group',
    body,
    nature: 'recommended',
    ...readChineseDesignation(scanner, `T/${body}`, bounds),
  };
}

/** `Q/ABC 001-2024` or `Q/320100 ABC 001-2024` (with the area code); food standards end in `S`. */
export function parseEnterprise(scanner: Scanner, bounds: YearBounds): StandardCodeParts {
  scanner.take(/Q ?\/ ?/y);
  const regionStart = scanner.pos;
  const region = scanner.take(/(\d{6}) (?=[A-Z0-9]*[A-Z])/y)?.[1];
  if (region !== undefined && !provinceOf(region)) {
    scanner.fail(`unknown province code '${region.slice(0, 2)}' in area code '${region}'`, regionStart);
  }
  const body = readOrgCode(scanner, 'Q/', 'enterprise');
  const label = region === undefined ? `Q/${body}` : `Q/${region} ${body}`;
  const parts: StandardCodeParts = {
    level: 'enterprise',
    body,
    nature: 'recommended',
    ...readChineseDesignation(scanner, label, bounds, /\d+S?/y),
  };
  if (region !== undefined) parts.region = region;
  return parts;
}
