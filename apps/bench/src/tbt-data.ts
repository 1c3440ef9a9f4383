import { Rng } from './rng.js';
import {
  type HsEntry,
  hsEntries,
  type IcsEntry,
  icsEntries,
  wtoMember,
  wtoMembers,
} from '@highland/reference-data';
// The TBT domain is not exported by @highland/tbt's entry point; its build output is imported
// directly (same depth from src/ and dist/, so the path holds for both).
import {
  type EpingRow,
  type ExporterProfile,
  type MatchableNotification,
  parseExporterProfile,
  type ProfileInput,
} from '@highland/tbt/domain';

/**
 * Synthetic TBT data for `bench tbt`: exporter profiles shaped like the district's (a few HS and
 * ICS codes, skewed towards its industries, a few markets, a keyword or two), notifications
 * shaped like ePing's (real sample rows plus generated ones), a worst case of broad notifications,
 * and an ePing CSV export of any length built by varying the sample's rows.
 */

/**
 * The district's industries (automobiles and motorcycles, cement and building materials, glass,
 * textiles and apparel, food, chemicals, pharmaceuticals, machinery and electrical goods) as HS
 * chapters and ICS fields: 60 % of profile codes and 40 % of notification codes come from them.
 */
const DISTRICT_HS_CHAPTERS = [
  '87', '84', '85', '25', '68', '69', '70', '61', '62', '63', '52', '54', '04', '02', '07', '08', '16', '19',
  '20', '21', '28', '29', '30', '38', '39', '40', '73',
]; // prettier-ignore
const DISTRICT_ICS_FIELDS = ['43', '91', '81', '59', '61', '67', '71', '11', '29', '31', '83', '65', '13'];

const PROFILE_KEYWORDS = [
  'battery', 'lithium battery', 'motorcycle', 'motorcycle helmet', 'tyres', 'brake', 'spark plugs',
  'electric vehicles', 'cement', 'ceramic tiles', 'glass', 'glassware', 'float glass', 'textiles',
  'garments', 'footwear', 'yarn', 'toys', 'cosmetics', 'detergent', 'paint', 'food additives',
  'dairy', 'milk powder', 'poultry', 'pork', 'honey', 'tea', 'citrus', 'noodles', 'chilli sauce',
  'hot pot seasoning', 'pesticide residues', 'fertiliser', 'veterinary drugs', 'LED lamps',
  'refrigerators', 'air conditioners', 'electric motors', 'transformers', 'cables', 'pumps',
  'valves', 'medical devices', 'packaging', '锂电池', '摩托车', '水泥', '火锅底料', '柑橘',
]; // prettier-ignore
const OBJECTIVES = [
  'Human health',
  'Consumer information, labelling',
  'Protection of the environment',
  'Prevention of deceptive practices and consumer protection',
  'Food safety',
  'Quality requirements',
];
/** Where Chongqing's exporters sell, by weight; the rest is any WTO member. */
const MAJOR_MARKETS: readonly (readonly [string, number])[] = [
  ['EU', 20], ['USA', 14], ['JPN', 6], ['KOR', 6], ['RUS', 6], ['VNM', 5], ['THA', 4], ['IDN', 4],
  ['MYS', 4], ['IND', 4], ['GBR', 3], ['AUS', 3], ['SAU', 3], ['ARE', 3], ['BRA', 3], ['MEX', 2],
  ['ZAF', 2], ['DEU', 2], ['FRA', 1], ['ITA', 1], ['TPKM', 1], ['CHL', 1], ['PER', 1], ['KEN', 1],
]; // prettier-ignore
/** Members that notify most (ePing), by weight. */
const NOTIFYING: readonly (readonly [string, number])[] = [
  ['USA', 12], ['EU', 10], ['BRA', 7], ['CHN', 5], ['KEN', 5], ['UGA', 5], ['TZA', 4], ['KOR', 4],
  ['JPN', 3], ['ISR', 3], ['SAU', 3], ['ARE', 3], ['ECU', 3], ['PER', 3], ['THA', 3], ['VNM', 2],
  ['IND', 3], ['TPKM', 2], ['RUS', 3], ['UKR', 2], ['CHL', 2], ['MWI', 2], ['EGY', 2], ['PHL', 2],
  ['MEX', 2], ['CAN', 2], ['AUS', 1], ['GBR', 2], ['COL', 2], ['DEU', 1],
]; // prettier-ignore
const EPING_KEYWORDS = [
  'Human health', 'Food safety', 'Labelling', 'Consumer safety', 'Protection of the environment',
  'Food standards', 'Animal health', 'Plant protection', 'Maximum residue limits (MRLs)', 'Conformity assessment',
  'Electrical safety', 'Energy efficiency', 'Chemicals', 'Packaging',
]; // prettier-ignore
const REGULATION = [
  'Technical regulation on',
  'Draft national standard for',
  'Proposed amendment to the requirements for',
  'Mandatory conformity assessment of',
  'Safety requirements for',
  'Labelling requirements for',
  'Maximum residue limits for pesticides in',
  'Import conditions for',
];

interface CodeTables {
  hsByChapterLevel: Map<string, HsEntry[]>;
  hsByLevel: Map<number, HsEntry[]>;
  icsByField: Map<string, IcsEntry[]>;
  ics: IcsEntry[];
}

let tables: CodeTables | undefined;
function codeTables(): CodeTables {
  if (tables) return tables;
  const hsByChapterLevel = new Map<string, HsEntry[]>();
  const hsByLevel = new Map<number, HsEntry[]>();
  for (const e of hsEntries().values()) {
    const k = `${e.code.slice(0, 2)}/${e.level}`;
    hsByChapterLevel.set(k, [...(hsByChapterLevel.get(k) ?? []), e]);
    hsByLevel.set(e.level, [...(hsByLevel.get(e.level) ?? []), e]);
  }
  const ics = [...icsEntries().values()];
  const icsByField = new Map<string, IcsEntry[]>();
  for (const e of ics) {
    const field = e.code.slice(0, 2);
    icsByField.set(field, [...(icsByField.get(field) ?? []), e]);
  }
  tables = { hsByChapterLevel, hsByLevel, icsByField, ics };
  return tables;
}

function hsCode(rng: Rng, levelWeights: readonly [number, number, number], districtShare: number): HsEntry {
  const t = codeTables();
  const level = ([2, 4, 6] as const)[rng.weighted(levelWeights)]!;
  if (rng.chance(districtShare)) {
    const list = t.hsByChapterLevel.get(`${rng.pick(DISTRICT_HS_CHAPTERS)}/${level}`);
    if (list?.length) return rng.pick(list);
  }
  return rng.pick(t.hsByLevel.get(level)!);
}

function icsCode(rng: Rng, fieldShare: number, districtShare: number): string {
  const t = codeTables();
  const pool = rng.chance(districtShare) ? (t.icsByField.get(rng.pick(DISTRICT_ICS_FIELDS)) ?? t.ics) : t.ics;
  const wantField = rng.chance(fieldShare);
  const candidates = pool.filter((e) => (wantField ? e.level === 'field' : e.level !== 'field'));
  return rng.pick(candidates.length ? candidates : pool).code;
}

function weightedCode(rng: Rng, table: readonly (readonly [string, number])[]): string {
  return table[rng.weighted(table.map(([, w]) => w))]![0];
}

function some<T>(rng: Rng, countWeights: readonly number[], make: () => T): T[] {
  return Array.from({ length: rng.weighted(countWeights) }, make);
}

/**
 * How broad the profiles are:
 * - `mixed`: 1–3 HS codes (45 % six-digit, 45 % four-digit, 10 % whole chapters), 0–2 ICS codes
 *   (5 % whole fields), 15 % with no market restriction else 1–4 markets, 0–2 keywords;
 * - `specific`: 1–3 HS codes of four or six digits, 0–2 ICS groups or sub-groups, always 1–3
 *   markets, 0–1 keyword — exporters who know their tariff lines.
 * Both: 0–1 objective, 60 % both areas, two profiles per enterprise on average, codes skewed
 * towards the district's industries.
 */
export type ProfileMix = 'mixed' | 'specific';

/** `n` exporter profiles, validated with the service's own `parseExporterProfile` (HS 2022, ICS, WTO members). */
export function syntheticProfiles(
  n: number,
  seed: number,
  mix: ProfileMix = 'mixed',
): { profiles: ExporterProfile[]; refused: number } {
  const rng = new Rng(seed);
  const specific = mix === 'specific';
  const members = wtoMembers().map((m) => m.code);
  const profiles: ExporterProfile[] = [];
  let refused = 0;
  for (let i = 0; i < n; i++) {
    const input: ProfileInput = {
      id: `p-${String(i).padStart(6, '0')}`,
      enterpriseId: `ent-${String(Math.floor(i / 2)).padStart(6, '0')}`,
      hs: some(rng, [0, 50, 35, 15], () => hsCode(rng, specific ? [0, 50, 50] : [10, 45, 45], 0.6).code),
      ics: some(rng, [40, 45, 15], () => icsCode(rng, specific ? 0 : 0.05, 0.6)),
      markets:
        !specific && rng.chance(0.15)
          ? []
          : some(rng, specific ? [0, 55, 30, 15] : [0, 45, 30, 15, 10], () =>
              rng.chance(0.8) ? weightedCode(rng, MAJOR_MARKETS) : rng.pick(members),
            ),
      keywords: some(rng, specific ? [60, 40] : [50, 35, 15], () => rng.pick(PROFILE_KEYWORDS)),
      objectives: some(rng, [70, 30], () => rng.pick(OBJECTIVES)),
      areas: [[], [], [], ['TBT'], ['TBT'], ['SPS']][rng.int(6)]!,
    };
    const parsed = parseExporterProfile(input);
    if (parsed.ok) profiles.push(parsed.profile);
    else refused++;
  }
  return { profiles, refused };
}

const firstWords = (text: string, n: number) =>
  text
    .split(/[;,()]/)[0]!
    .split(/\s+/)
    .slice(0, n)
    .join(' ');

/** A notification as ePing would carry it: one member, TBT or SPS, 0–4 HS codes, 0–2 ICS codes, text. */
function syntheticNotification(rng: Rng): MatchableNotification {
  const area = rng.chance(0.55) ? 'TBT' : 'SPS';
  const hs = some(rng, [20, 35, 25, 12, 8], () => hsCode(rng, [15, 50, 35], 0.4));
  const ics = area === 'TBT' ? some(rng, [30, 50, 20], () => icsCode(rng, 0.1, 0.4)) : [];
  const subject = hs[0]?.description ?? rng.pick(PROFILE_KEYWORDS);
  const product = firstWords(subject, 6).toLowerCase();
  const member = weightedCode(rng, NOTIFYING);
  const extra = rng.chance(0.3) ? ` and ${rng.pick(PROFILE_KEYWORDS)}` : '';
  return {
    member,
    area,
    hsCodes: hs.map((e) => e.code),
    icsCodes: ics,
    title: `${rng.pick(REGULATION)} ${product}${extra}`,
    description:
      `This ${area === 'TBT' ? 'draft technical regulation' : 'measure'} of ${wtoMember(member)?.name ?? member} ` +
      `lays down requirements for ${product}${extra}, including ${rng.pick(['sampling and testing methods', 'marking and labelling', 'limits of hazardous substances', 'conformity assessment procedures', 'certificates to accompany consignments'])}. ` +
      `It applies to products placed on the market after its entry into force.`,
    products: subject,
    keywords: some(rng, [20, 40, 30, 10], () => rng.pick(EPING_KEYWORDS)),
    objectives: some(rng, [30, 50, 20], () => rng.pick(OBJECTIVES)),
  };
}

/** The sample's real rows first, then generated notifications up to `n`. */
export function realisticNotifications(
  sample: readonly EpingRow[],
  n: number,
  seed: number,
): MatchableNotification[] {
  const rng = new Rng(seed);
  const out: MatchableNotification[] = sample.slice(0, n).map((r) => r.draft);
  while (out.length < n) out.push(syntheticNotification(rng));
  return out;
}

/**
 * The worst case for the index: broad notifications (by the EU, so EU and member-State markets
 * all pass the gate) on whole HS chapters and ICS fields of the district's industries, whose
 * text names many of the profiles' keywords. Tens of thousands of candidates, thousands of
 * matches, each explained.
 */
export function worstCaseNotifications(n: number, seed: number): MatchableNotification[] {
  const rng = new Rng(seed);
  return Array.from({ length: n }, (): MatchableNotification => {
    const chapters = Array.from({ length: 3 }, () => rng.pick(DISTRICT_HS_CHAPTERS));
    const fields = Array.from({ length: 2 }, () => rng.pick(DISTRICT_ICS_FIELDS));
    const words = Array.from({ length: 6 }, () => rng.pick(PROFILE_KEYWORDS)).join(', ');
    return {
      member: 'EU',
      area: 'TBT',
      hsCodes: chapters,
      icsCodes: fields,
      title: `Regulation on the safety, labelling and sustainability of ${words}`,
      description: `Horizontal requirements for products of chapters ${chapters.join(', ')}, among them ${words}.`,
      products: words,
      keywords: ['Human health', 'Labelling', 'Protection of the environment'],
      objectives: ['Human health', 'Consumer information, labelling', 'Protection of the environment'],
    };
  });
}

const csvCell = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * The lines of an ePing CSV export (header first) of `rows` rows in the sample's 17-column layout:
 * the sample's rows over and over, each copy made a distinct notification (title suffixed,
 * distribution and deadline dates moved, WTO document numbers in its links renumbered) so no row
 * is a duplicate of another.
 */
export function syntheticEpingLines(
  headers: readonly string[],
  sample: readonly EpingRow[],
  rows: number,
): string[] {
  const lines = [headers.map(csvCell).join(',')];
  for (let i = 0; i < rows; i++) {
    const base = sample[i % sample.length]!.raw;
    const copy = Math.floor(i / sample.length);
    const days = copy % 200;
    const cells = headers.map((h) => {
      const v = base[h] ?? '';
      if (copy === 0 || v === '') return v;
      switch (h) {
        case 'Title':
          return `${v} (variant ${copy})`;
        case 'Distribution date':
        case 'Final date for comments':
          return /^\d{4}-\d{2}-\d{2}$/.test(v) ? addDays(v, days) : v;
        case 'Notified document':
        case 'Link to notification(EN)':
        case 'Link to notification(FR)':
        case 'Link to notification(ES)':
          // 25_03798_00_x.pdf → a document number of its own per copy (kept six digits at most).
          return v.replace(
            /(\/\d{2}_)(\d{3,6})(_\d{2}_)/g,
            (_m, a: string, num: string, b: string) =>
              `${a}${String((Number(num) + copy * 7_919) % 1_000_000).padStart(5, '0')}${b}`,
          );
        default:
          return v;
      }
    });
    lines.push(cells.map(csvCell).join(','));
  }
  return lines;
}
