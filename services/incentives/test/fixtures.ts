import type { ProgrammeDefinition } from '@highland/contracts';
import type { Facts, RegistryFact, ZoneFact } from '../src/domain/facts.js';
import { codeKey } from '../src/domain/names.js';

/** 10,000 yuan in fen: the unit of the published local rules. */
export const WAN = 1_000_000;

const today = new Date().toISOString().slice(0, 10);
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

/** A programme like the default one, open today. */
export function programme(over: Partial<ProgrammeDefinition> = {}): ProgrammeDefinition {
  return {
    id: 'awards-test',
    name: { zh: '标准化奖励', en: 'Standardization awards' },
    year: Number(today.slice(0, 4)),
    kind: 'subsidy',
    totalBudgetFen: 1000 * WAN,
    perApplicantCapFen: 100 * WAN,
    window: { opens: inDays(-30), closes: inDays(30) },
    factsPeriod: { from: '2024-01-01', to: inDays(1) },
    revisionPercent: 50,
    seriesOnce: true,
    reviewsRequired: 2,
    criteria: [
      { id: 'impact', title: { zh: '影响' }, maxScore: 50 },
      { id: 'quality', title: { zh: '质量' }, maxScore: 50 },
    ],
    rules: [
      {
        id: 'led-standard',
        title: { zh: '主导制定标准' },
        fact: 'standard-drafted',
        tiers: [
          { id: 'international', levels: ['international'], amountFen: 30 * WAN },
          {
            id: 'national',
            levels: ['national'],
            amountFen: 20 * WAN,
            split: { firstFen: 25 * WAN, secondFen: 15 * WAN },
          },
          { id: 'industry', levels: ['industry'], amountFen: 10 * WAN },
          { id: 'provincial-local', levels: ['local'], localScope: 'provincial', amountFen: 3 * WAN },
          {
            id: 'municipal-agri',
            levels: ['local'],
            localScope: 'municipal',
            ccsPrefixes: ['B'],
            amountFen: 1.5 * WAN,
          },
        ],
      },
      {
        id: 'secretariat',
        title: { zh: '秘书处' },
        fact: 'committee-seat',
        tiers: [
          {
            id: 'tc',
            committeeLevel: 'national',
            committeeKinds: ['TC'],
            roles: ['secretariat'],
            amountFen: 30 * WAN,
          },
          {
            id: 'sc',
            committeeLevel: 'national',
            committeeKinds: ['SC'],
            roles: ['secretariat'],
            amountFen: 10 * WAN,
          },
        ],
      },
      {
        id: 'aaa',
        title: { zh: '良好行为' },
        fact: 'certification',
        tiers: [{ id: 'aaa', levels: ['AAA'], amountFen: 3 * WAN }],
      },
      {
        id: 'zone',
        title: { zh: '示范区' },
        fact: 'zone',
        tiers: [
          { id: 'national-agri', zoneLevels: ['national'], zoneKinds: ['agricultural'], amountFen: 5 * WAN },
        ],
      },
      { id: 'top-up', title: { zh: '配套' }, fact: 'higher-level-grant', topUpPercent: 50 },
    ],
    ...over,
  };
}

export const standard = (over: Partial<Extract<RegistryFact, { kind: 'standard' }>> = {}): RegistryFact => ({
  kind: 'standard',
  code: 'GB/T 1234.1-2025',
  level: 'national',
  body: 'GB',
  ccs: ['J04'],
  sector: 'machinery',
  work: { kind: 'formulate' },
  stage: 'published',
  leadOrganisation: 'Gulou Machinery Co',
  participants: [],
  publishedOn: '2025-06-01',
  ...over,
});

/** Facts from a map of registry id → fact (and zones). */
export function facts(registry: Record<string, RegistryFact>, zones: Record<string, ZoneFact> = {}): Facts {
  return {
    registryItem: (id) => registry[id],
    standardIdByCode: (code) =>
      Object.entries(registry).find(
        ([, f]) => f.kind === 'standard' && codeKey(f.code) === codeKey(code),
      )?.[0],
    filingId: (enterprise, code) =>
      Object.entries(registry).find(
        ([, f]) =>
          f.kind === 'filing' && f.enterprise === enterprise && codeKey(f.standardCode) === codeKey(code),
      )?.[0],
    keyProductAdopting: () => undefined,
    zone: (id) => zones[id],
  };
}

/** A registry-shaped id (prefix + 22 characters). */
export const rid = (prefix: string, n: number) => `${prefix}-${String(n).padStart(22, 'x')}`;
