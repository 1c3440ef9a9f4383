/**
 * How each advanced foreign body writes its codes:
 * - `astm`: `ASTM D638-14`, designation letter + number, 2-digit year;
 * - `european`: `EN 71-3:2019+A1:2021`, `DIN EN ISO 9001:2015`, parts with `-`, year after `:`;
 * - `division`: `JIS Z 8301:2019`, a division letter before the number;
 * - `dashed`: `ANSI Z535.1-2017`, `IEEE 802.3-2018`, `GOST R 56020-2014`, year after `-`.
 */
export type ForeignStyle = 'astm' | 'european' | 'division' | 'dashed';

export interface ForeignBody {
  code: string;
  name: string;
  country: string;
  style: ForeignStyle;
}

const BODIES: ReadonlyArray<readonly [code: string, name: string, country: string, style: ForeignStyle]> = [
  ['ASTM', 'ASTM International', 'US', 'astm'],
  ['ANSI', 'American National Standards Institute', 'US', 'dashed'],
  ['ASME', 'American Society of Mechanical Engineers', 'US', 'dashed'],
  ['IEEE', 'Institute of Electrical and Electronics Engineers', 'US', 'dashed'],
  ['UL', 'UL Standards & Engagement', 'US', 'dashed'],
  ['EN', 'European Standard (CEN, CENELEC)', 'EU', 'european'],
  ['DIN', 'Deutsches Institut für Normung', 'DE', 'european'],
  ['BS', 'British Standards Institution', 'GB', 'european'],
  ['NF', 'Association française de normalisation (AFNOR)', 'FR', 'european'],
  ['UNE', 'Asociación Española de Normalización', 'ES', 'european'],
  ['UNI', 'Ente Italiano di Normazione', 'IT', 'european'],
  ['NEN', 'Koninklijk Nederlands Normalisatie Instituut', 'NL', 'european'],
  ['JIS', 'Japanese Industrial Standards', 'JP', 'division'],
  ['KS', 'Korean Industrial Standards', 'KR', 'division'],
  ['GOST', 'Interstate / Russian national standards', 'RU', 'dashed'],
];

export const FOREIGN_BODIES: ReadonlyMap<string, ForeignBody> = new Map(
  BODIES.map(([code, name, country, style]) => [code, { code, name, country, style }]),
);

/** The body whose code starts `body` (`BS` of `BS EN ISO`, `ANSI` of `ANSI/ASHRAE`). */
export function foreignBodyOf(body: string): ForeignBody | undefined {
  return FOREIGN_BODIES.get(body.split(/[ /]/)[0] ?? '');
}
