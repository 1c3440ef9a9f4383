import { ccsEntries, icsEntries } from '@highland/reference-data';
import { Rng } from './rng.js';

/**
 * Synthetic but realistic standard records, as a department posts them (the body of
 * POST /standards, also one row of POST /import): every level with codes the registry's parser
 * accepts, ICS and CCS codes from the shipped official lists, titles in Chinese and English,
 * existing (published, with dates) and new work items (formulate, at the start of their path).
 * Deterministic for a seed; codes never repeat within one generator (counters per prefix), and a
 * second generator can continue from the first one's counters.
 */
export interface StandardBody {
  code: string;
  title: { zh: string; en: string };
  ics: string[];
  ccs: string[];
  sector: string;
  project?: number;
  work: { kind: 'formulate' | 'existing' };
  stage: 'plan-issued' | 'drafting' | 'published';
  leadOrganisation: string;
  participants: string[];
  inDistrict: boolean;
  town?: string;
  publishedOn?: string;
  effectiveOn?: string;
}

export type Level = 'national' | 'industry' | 'local' | 'group' | 'enterprise' | 'international' | 'foreign';

/** Shares of each level in the catalogue a district references (national and industry dominate). */
export const LEVEL_SHARES: ReadonlyArray<readonly [Level, number]> = [
  ['national', 0.28],
  ['industry', 0.25],
  ['local', 0.12],
  ['group', 0.15],
  ['enterprise', 0.1],
  ['international', 0.08],
  ['foreign', 0.02],
];

/** The seeded PRNG as a function: the same seed gives the same records. */
export function prng(seed: number): () => number {
  const rng = new Rng(seed);
  return () => rng.next();
}

const NATIONAL = [
  ['GB/T', 0.8],
  ['GB', 0.15],
  ['GB/Z', 0.05],
] as const;
const INDUSTRY = [
  'JB/T',
  'QB/T',
  'NY/T',
  'HG/T',
  'YY/T',
  'SJ/T',
  'DL/T',
  'JT/T',
  'SH/T',
  'FZ/T',
  'JC/T',
  'LY/T',
  'TB/T',
  'QC/T',
  'NB/T',
  'MT/T',
  'HJ',
  'YY',
  'GA',
  'SL',
] as const;
const LOCAL = [
  ['DB50/T', 0.7],
  ['DB50', 0.08],
  ['DB51/T', 0.1],
  ['DB11/T', 0.07],
  ['DB5001/T', 0.05],
] as const;
const GROUPS = ['CAS', 'CECS', 'CSTM', 'CCSA', 'CQAS', 'CQSES', 'CAMS', 'CNFIA', 'CFNA', 'CQMA'] as const;
const INTERNATIONAL = [
  ['ISO', 0.55],
  ['IEC', 0.2],
  ['ISO/IEC', 0.15],
  ['ISO/TS', 0.1],
] as const;
const FOREIGN = [
  ['ASTM', 0.4],
  ['DIN', 0.3],
  ['JIS', 0.3],
] as const;

/** First number of each prefix; then +1 to +3 per standard, so numbers look like real gaps. */
const FIRST_NUMBER: Readonly<Record<string, number>> = {
  'GB/T': 10000,
  GB: 2000,
  'GB/Z': 17000,
  ISO: 1000,
  IEC: 60000,
  'ISO/IEC': 17000,
  'ISO/TS': 10000,
  ASTM: 100,
  DIN: 100,
  JIS: 1000,
};

type Field = 'farm' | 'industry' | 'service';
const PRODUCTS: ReadonlyArray<readonly [zh: string, en: string, field: Field, sector: string]> = [
  ['枇杷', 'loquat', 'farm', 'agriculture'],
  ['柑橘', 'citrus', 'farm', 'agriculture'],
  ['茶叶', 'tea', 'farm', 'agriculture'],
  ['花椒', 'Sichuan pepper', 'farm', 'agriculture'],
  ['生猪', 'live pigs', 'farm', 'agriculture'],
  ['榨菜', 'preserved mustard tuber', 'industry', 'food'],
  ['火锅底料', 'hotpot seasoning', 'industry', 'food'],
  ['摩托车', 'motorcycles', 'industry', 'automotive'],
  ['汽车零部件', 'automotive parts', 'industry', 'automotive'],
  ['齿轮', 'gears', 'industry', 'machinery'],
  ['滚动轴承', 'rolling bearings', 'industry', 'machinery'],
  ['液压阀', 'hydraulic valves', 'industry', 'machinery'],
  ['锂离子电池', 'lithium-ion batteries', 'industry', 'energy'],
  ['光伏组件', 'photovoltaic modules', 'industry', 'energy'],
  ['天然气', 'natural gas', 'industry', 'energy'],
  ['集成电路', 'integrated circuits', 'industry', 'electronics'],
  ['笔记本电脑', 'notebook computers', 'industry', 'electronics'],
  ['医用口罩', 'medical masks', 'industry', 'healthcare'],
  ['中药饮片', 'prepared herbal medicine', 'industry', 'healthcare'],
  ['建筑涂料', 'architectural coatings', 'industry', 'chemicals'],
  ['预拌混凝土', 'ready-mixed concrete', 'industry', 'construction'],
  ['城市轨道交通车辆', 'urban rail vehicles', 'industry', 'transport'],
  ['冷链物流', 'cold-chain logistics', 'service', 'transport'],
  ['养老服务', 'elderly care services', 'service', 'services'],
  ['智慧园区', 'smart industrial parks', 'service', 'services'],
  ['生活垃圾分类', 'household waste sorting', 'service', 'environment'],
];
const ASPECTS: Readonly<Record<Field, ReadonlyArray<readonly [string, string]>>> = {
  farm: [
    ['栽培技术规程', 'code of practice for cultivation'],
    ['质量分级', 'quality grading'],
    ['生产技术规范', 'technical specification for production'],
    ['病虫害绿色防控技术规程', 'code of practice for green pest control'],
    ['检验规则', 'inspection rules'],
    ['包装、标志、运输和贮存', 'packaging, marking, transport and storage'],
  ],
  industry: [
    ['通用技术条件', 'general specification'],
    ['试验方法', 'test methods'],
    ['安全要求', 'safety requirements'],
    ['术语', 'vocabulary'],
    ['能源消耗限额', 'norm of energy consumption'],
    ['检验规则', 'inspection rules'],
    ['包装、标志、运输和贮存', 'packaging, marking, transport and storage'],
  ],
  service: [
    ['服务规范', 'service specification'],
    ['服务质量评价指南', 'guidelines for evaluation of service quality'],
    ['术语', 'vocabulary'],
    ['安全管理要求', 'requirements for safety management'],
  ],
};
const FIRMS = [
  'Xinyuan',
  'Hengda',
  'Tianfu',
  'Jialing',
  'Yuzhou',
  'Changjiang',
  'Huaxin',
  'Shancheng',
  'Baisha',
  'Longfeng',
  'Jinyun',
  'Qingmu',
  'Hongyan',
  'Wulong',
  'Dazu',
  'Fuling',
];
const TRADES = [
  'Machinery',
  'Electronics',
  'Food',
  'Agricultural',
  'New Materials',
  'Pharmaceutical',
  'Auto Parts',
  'New Energy',
  'Instruments',
  'Textile',
  'Logistics',
  'Construction',
];
const INSTITUTIONS = [
  'Chongqing Institute of Standardization',
  'District Agriculture and Rural Affairs Committee',
  'District Market Regulation Administration',
  'Chongqing University',
  'Southwest University',
  'Chongqing Academy of Agricultural Sciences',
  'Chongqing Quality and Standardization Association',
];
const TOWNS = ['Longfeng', 'Baisha', 'Qingmu', 'Shiqiao', 'Xinglong', 'Tongle', 'Hongshan', 'Jinlong'];

export const ORGANISATIONS: readonly string[] = [
  ...FIRMS.flatMap((f) => TRADES.map((t) => `Chongqing ${f} ${t} Co., Ltd.`)),
  ...INSTITUTIONS,
];

const pad = (n: number, width: number) => String(n).padStart(width, '0');

export class RecordGenerator {
  private readonly random: () => number;
  private readonly counters: Record<string, number>;
  private readonly ics: string[];
  private readonly ccs: string[];
  private readonly enterprises: string[];

  constructor(seed: number, counters: Record<string, number> = {}) {
    this.random = prng(seed);
    this.counters = { ...counters };
    this.ics = [...icsEntries().values()].filter((e) => e.level !== 'field').map((e) => e.code);
    this.ccs = [...ccsEntries().values()].filter((e) => e.level === 3).map((e) => e.code);
    // Enterprise codes after Q/: 'CQ' and three letters, fixed for every seed.
    const letters = prng(7);
    const abc = () => String.fromCharCode(65 + Math.floor(letters() * 26));
    this.enterprises = [...new Set(Array.from({ length: 240 }, () => `CQ${abc()}${abc()}${abc()}`))];
  }

  /** The counters reached so far: a generator built with them makes codes that do not collide. */
  snapshot(): Record<string, number> {
    return { ...this.counters };
  }

  private int(min: number, max: number): number {
    return min + Math.floor(this.random() * (max - min + 1));
  }

  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)]!;
  }

  private weighted<T>(items: ReadonlyArray<readonly [T, number]>): T {
    let r = this.random();
    for (const [item, share] of items) {
      if ((r -= share) < 0) return item;
    }
    return items[items.length - 1]![0];
  }

  private nextNumber(key: string, first: number): number {
    const n = (this.counters[key] ?? first) + this.int(1, 3);
    this.counters[key] = n;
    return n;
  }

  /** A code of the level, and the year it carries. */
  private code(level: Level, year: number): string {
    switch (level) {
      case 'national': {
        const prefix = this.weighted(NATIONAL);
        return `${prefix} ${this.nextNumber(prefix, FIRST_NUMBER[prefix]!)}-${year}`;
      }
      case 'industry': {
        const prefix = this.pick(INDUSTRY);
        return `${prefix} ${this.nextNumber(prefix, 100)}-${year}`;
      }
      case 'local': {
        const prefix = this.weighted(LOCAL);
        return `${prefix} ${this.nextNumber(prefix, 100)}-${year}`;
      }
      case 'group': {
        const body = this.pick(GROUPS);
        return `T/${body} ${pad(this.nextNumber(`T/${body}`, 0), 3)}-${year}`;
      }
      case 'enterprise': {
        const body = this.pick(this.enterprises);
        return `Q/${body} ${pad(this.nextNumber(`Q/${body}`, 0), 3)}-${year}`;
      }
      case 'international': {
        const prefix = this.weighted(INTERNATIONAL);
        const n = this.nextNumber(prefix, FIRST_NUMBER[prefix]!);
        const part = prefix === 'IEC' && this.random() < 0.5 ? `-${this.int(1, 4)}` : '';
        return `${prefix} ${n}${part}:${year}`;
      }
      case 'foreign': {
        const body = this.weighted(FOREIGN);
        if (body === 'ASTM') {
          const letter = this.pick(['A', 'B', 'C', 'D', 'E', 'F']);
          return `ASTM ${letter}${this.nextNumber(`ASTM ${letter}`, FIRST_NUMBER.ASTM!)}-${pad(year % 100, 2)}`;
        }
        if (body === 'JIS') {
          const division = this.pick(['B', 'C', 'K', 'Z']);
          return `JIS ${division} ${this.nextNumber(`JIS ${division}`, FIRST_NUMBER.JIS!)}:${year}`;
        }
        return `DIN ${this.nextNumber('DIN', FIRST_NUMBER.DIN!)}:${year}`;
      }
    }
  }

  next(): StandardBody {
    const level = this.weighted(LEVEL_SHARES);
    const chinese = level !== 'international' && level !== 'foreign';
    // Catalogue entries exist; about 40 % of the district's own (Chinese) records are work in progress.
    const kind: 'formulate' | 'existing' = chinese && this.random() < 0.4 ? 'formulate' : 'existing';
    const year =
      kind === 'formulate'
        ? this.int(2025, 2026)
        : level === 'foreign'
          ? this.int(2000, 2025)
          : Math.max(1995, 2025 - Math.floor(Math.abs(Math.log(this.random() || 1e-9)) * 8));
    const [productZh, productEn, field, sector] = this.pick(PRODUCTS);
    const [aspectZh, aspectEn] = this.pick(ASPECTS[field]);
    const local = level === 'local' || level === 'group' || level === 'enterprise';
    const inDistrict = local ? this.random() < 0.9 : chinese && this.random() < 0.15;
    const lead = this.pick(ORGANISATIONS);
    const participants = [
      ...new Set(Array.from({ length: this.int(0, 3) }, () => this.pick(ORGANISATIONS))),
    ].filter((p) => p !== lead);
    const ics = [...new Set(Array.from({ length: this.random() < 0.8 ? 1 : 2 }, () => this.pick(this.ics)))];
    const body: StandardBody = {
      code: this.code(level, year),
      title: {
        zh: `${productZh}${aspectZh}`,
        en: `${productEn[0]!.toUpperCase()}${productEn.slice(1)} — ${aspectEn}`,
      },
      ics,
      ccs: [this.pick(this.ccs)],
      sector,
      work: { kind },
      stage: kind === 'existing' ? 'published' : this.random() < 0.7 ? 'plan-issued' : 'drafting',
      leadOrganisation: lead,
      participants,
      inDistrict,
    };
    if (inDistrict && this.random() < 0.3) body.project = this.int(1, 5);
    if (inDistrict && this.random() < 0.6) body.town = this.pick(TOWNS);
    if (kind === 'existing') {
      const month = this.int(1, 12);
      body.publishedOn = `${year}-${pad(month, 2)}-${pad(this.int(1, 28), 2)}`;
      if (chinese && this.random() < 0.7) {
        const effective =
          month + 6 > 12 ? `${year + 1}-${pad(month - 6, 2)}` : `${year}-${pad(month + 6, 2)}`;
        body.effectiveOn = `${effective}-01`;
      }
    }
    return body;
  }

  many(n: number): StandardBody[] {
    return Array.from({ length: n }, () => this.next());
  }
}
