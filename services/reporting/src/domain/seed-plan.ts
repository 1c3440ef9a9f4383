/**
 * The seed's plan as data: every work target of the district's implementation opinions
 * (../shared/seed/district-standards-plan.zh.txt, "(三)工作目標"). Chinese names are quoted from the
 * seed text as it is written there (traditional characters).
 *
 * Period start 2013-01-01: the text carries no issue date; it speaks of targets "到2015年" within
 * the 12th five-year plan ("納入…“十二五”規劃") and names the BAIC Yinxiang industrial zone
 * (北汽銀翔產業區), a venture formed in 2012, so it was issued in 2012 at the earliest. Counting
 * starts with the first full year after that, 2013, and ends with 2015.
 *
 * sectorFocus is informative (the text says "主要是", mainly): it does not filter what counts.
 */
import type { Indicator, Plan, Where } from './plan.js';

const ALL_BREAKDOWNS: Indicator['breakdowns'] = ['sector', 'department', 'town', 'project', 'level'];
/** Work counts once the standard is published (ISO stage 60) and the district took part. */
const PUBLISHED_IN_DISTRICT: Where = { stageReached: '60.00', inDistrict: true };
const ITEMS = { zh: '項', en: 'items' };
const AGRI_ZONE_SECTORS = ['grain', 'fruit', 'ecological-fish', 'free-range-chicken', 'pigs-herbivores'];

const standards: Indicator[] = [
  {
    id: 'intl-adopted',
    name: { zh: '采用國際標準', en: 'International standards adopted' },
    target: { kind: 'range', min: 3, max: 5 },
    unit: ITEMS,
    sectorFocus: ['cement', 'automobile', 'textiles-apparel'],
    counts: {
      fact: 'standard-work',
      where: { ...PUBLISHED_IN_DISTRICT, workKind: ['adopt'] },
      measure: 'count-distinct',
    },
    breakdowns: ALL_BREAKDOWNS,
  },
  {
    id: 'natl-industry',
    name: {
      zh: '參與制定、修訂國家和行業標準',
      en: 'National and industry standards formulated or revised with district participation',
    },
    target: { kind: 'range', min: 2, max: 5 },
    unit: ITEMS,
    sectorFocus: ['food', 'glassware', 'chemicals', 'pharmaceuticals'],
    counts: {
      fact: 'standard-work',
      where: { ...PUBLISHED_IN_DISTRICT, level: ['national', 'industry'], workKind: ['formulate', 'revise'] },
      measure: 'count-distinct',
    },
    breakdowns: ALL_BREAKDOWNS,
  },
  {
    id: 'local',
    name: { zh: '制定、修訂地方標準', en: 'Local standards formulated or revised' },
    target: { kind: 'range', min: 5, max: 10 },
    unit: ITEMS,
    sectorFocus: ['food', 'planting-breeding', 'tourism'],
    counts: {
      fact: 'standard-work',
      where: { ...PUBLISHED_IN_DISTRICT, level: ['local'], workKind: ['formulate', 'revise'] },
      measure: 'count-distinct',
    },
    breakdowns: ALL_BREAKDOWNS,
  },
  {
    id: 'enterprise-filed',
    name: { zh: '新增備案企業產品標準', en: 'Newly filed enterprise product standards' },
    target: { kind: 'floor', min: 50 },
    unit: ITEMS,
    counts: { fact: 'enterprise-filing', measure: 'count-distinct' },
    breakdowns: ['sector', 'department', 'town'],
  },
  {
    id: 'adoption-rate',
    name: {
      zh: '重點領域重點產品的采標率',
      en: 'Share of key products in key fields adopting international or advanced foreign standards',
    },
    target: { kind: 'percentage', min: 85, maintained: true },
    unit: { zh: '%', en: '%' },
    counts: { fact: 'key-product-adoption', measure: 'ratio' },
    breakdowns: ['sector', 'town'],
  },
];

const TC = '全國專業標準化技術委員會(TC)、分技術委員會(SC)、工作組(WG)';
const participation: Indicator[] = [
  {
    id: 'tc-enterprises',
    name: { zh: `成為${TC}委員單位的企業`, en: 'Enterprises that became member units of national TC/SC/WG' },
    target: { kind: 'range', min: 2, max: 5 },
    unit: { zh: '家', en: 'enterprises' },
    counts: {
      fact: 'committee-membership',
      where: { memberKind: ['enterprise'], committeeLevel: ['national'] },
      measure: 'count-distinct',
    },
    breakdowns: ['sector', 'town'],
  },
  {
    id: 'tc-engineers',
    name: { zh: `成為${TC}委員的工程技術人員`, en: 'Engineers who became members of national TC/SC/WG' },
    target: { kind: 'range', min: 3, max: 5 },
    unit: { zh: '名', en: 'engineers' },
    counts: {
      fact: 'committee-membership',
      where: { memberKind: ['engineer'], committeeLevel: ['national'] },
      measure: 'count-distinct',
    },
    breakdowns: ['sector', 'town'],
  },
  {
    id: 'good-practice',
    name: {
      zh: '創建市級以上標準化良好行為企業',
      en: 'Standardization good-behaviour enterprises certified at municipal level or above',
    },
    target: { kind: 'floor', min: 10 },
    unit: { zh: '家', en: 'enterprises' },
    counts: {
      fact: 'good-behaviour-certification',
      where: { certificationAuthority: ['municipal', 'provincial', 'national'] },
      measure: 'count-distinct',
    },
    breakdowns: ['sector', 'town'],
  },
];

function zone(
  id: string,
  zh: string,
  en: string,
  kind: 'agricultural' | 'service-pilot',
  level: 'national' | 'municipal',
  min: number,
  sectorFocus?: string[],
): Indicator {
  const agricultural = kind === 'agricultural';
  return {
    id,
    name: { zh, en },
    target: { kind: 'floor', min },
    unit: agricultural ? { zh: '個', en: 'zones' } : { zh: '個', en: 'projects' },
    ...(sectorFocus ? { sectorFocus } : {}),
    counts: {
      fact: 'demonstration-zone',
      where: { zoneKind: [kind], zoneLevel: [level] },
      measure: 'count-distinct',
    },
    breakdowns: ['sector', 'department', 'town'],
  };
}

const zones: Indicator[] = [
  zone(
    'ag-zone-national',
    '新增國家級農業標準化示范區',
    'New national agricultural standardization demonstration zones',
    'agricultural',
    'national',
    3,
    AGRI_ZONE_SECTORS,
  ),
  zone(
    'ag-zone-municipal',
    '新增市級農業標準化示范區',
    'New municipal agricultural standardization demonstration zones',
    'agricultural',
    'municipal',
    5,
    AGRI_ZONE_SECTORS,
  ),
  zone(
    'svc-pilot-national',
    '新增國家級服務標準化試點項目',
    'New national service-standardization pilot projects',
    'service-pilot',
    'national',
    1,
    ['logistics', 'tourism', 'commerce'],
  ),
  zone(
    'svc-pilot-municipal',
    '新增市級服務標準化試點項目',
    'New municipal service-standardization pilot projects',
    'service-pilot',
    'municipal',
    3,
  ),
];

const standing: Indicator[] = [
  {
    id: 'total-rank',
    name: {
      zh: '制定、修訂各類標準總量進入渝西片區前列',
      en: 'Total standards formulated or revised among the front ranks of the western-Chongqing district group',
    },
    // "前列" (front ranks) is read as the top three of the group.
    target: {
      kind: 'comparative',
      rankAtMost: 3,
      group: { zh: '渝西片區', en: 'western-Chongqing district group' },
    },
    unit: { zh: '名次', en: 'rank' },
    counts: {
      fact: 'standard-work',
      where: { ...PUBLISHED_IN_DISTRICT, workKind: ['formulate', 'revise'] },
      measure: 'count-distinct',
    },
    breakdowns: ALL_BREAKDOWNS,
  },
  {
    id: '2020',
    name: {
      zh: '支柱產業、優勢產業和特色產業的標準化工作進入先進行列',
      en: 'Standardization of pillar, advantage and characteristic industries in the advanced ranks (2020)',
    },
    target: {
      kind: 'qualitative',
      description: {
        zh: '到2020年,力爭全區支柱產業、優勢產業和特色產業的標準化工作進入先進行列,成為北部技術標準高地。',
        en: "By 2020, the district's pillar, advantage and characteristic industries' standardization work is in the advanced ranks, a technical standards highland of the north.",
      },
    },
    unit: { zh: '定性', en: 'qualitative' },
    breakdowns: [],
  },
];

export const SEED_PLAN_ID = 'district-2015';

export const SEED_PLAN: Plan = {
  id: SEED_PLAN_ID,
  name: {
    zh: '技術標準優化發展實施意見:加快實施技術標準戰略,打造技術標準高地',
    en: 'Implementing the technical standards strategy: building a technical standards highland (targets to 2015)',
  },
  period: { start: '2013-01-01', end: '2015-12-31' },
  indicators: [...standards, ...participation, ...zones, ...standing],
};
