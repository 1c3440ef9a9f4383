// Known-good request bodies, by "<service> <METHOD> <path>", mixed into what the OpenAPI schemas
// generate: fields with meaning the schema cannot state (a standard code, an ICS code, a committee)
// are rarely right by chance, so without these few writes would be accepted and the "everything
// accepted is stored" check would have little to check. Optional: an operation without seeds is
// fuzzed from its schema alone, so a new service is covered by listing it.
import { loquat } from '../../services/registry/test/fixtures.js';
import { paintsNotification } from '../../services/tbt/test/fixtures/paints-notification.js';

const plan = {
  id: 'fuzz-plan',
  name: { zh: '规划', en: 'Plan' },
  period: { start: '2016-01-01', end: '2020-12-31' },
  indicators: [
    {
      id: 'local',
      name: { zh: '地方标准', en: 'Local standards' },
      unit: { zh: '项', en: 'items' },
      target: { kind: 'range', min: 10, max: 20 },
      counts: {
        fact: 'standard-work',
        where: { level: ['local'], stageReached: '60.00' },
        measure: 'count-distinct',
      },
      breakdowns: ['sector'],
    },
  ],
};

export const BODY_SEEDS: Record<string, unknown[]> = {
  'registry POST /standards': [
    loquat,
    { ...loquat, code: 'DB50/T 4321-2019', stage: 'plan-issued', town: 'Gulou' },
    {
      code: 'GB/T 19001-2016',
      title: { zh: '质量管理体系' },
      work: { kind: 'existing' },
      stage: 'published',
      publishedOn: '2016-12-30',
      reason: 'catalogue',
    },
  ],
  'registry POST /standards/{ref}/stage': [
    { to: 'public-comment', on: '2024-05-01' },
    {
      to: 'published',
      on: '2024-06-01',
      publishedOn: '2024-06-01',
      effectiveOn: '2024-07-01',
      reason: 'approved',
    },
  ],
  'registry POST /key-products': [
    {
      enterprise: 'Acme Paints',
      product: 'Wall paint',
      field: 'coatings',
      adoptedStandard: 'ISO 9001:2015',
      since: '2024-03-01',
    },
    { enterprise: 'Highland Tea Co', product: 'Green tea', field: 'tea', reason: 'survey' },
  ],
  'registry POST /filings': [
    {
      enterprise: 'Acme Paints',
      product: 'Wall paint',
      standardCode: 'Q/ACME 001-2023',
      filedOn: '2023-05-04',
      town: 'Gulou',
    },
  ],
  'registry POST /committee-seats': [
    {
      committee: 'ISO/TC 34',
      memberKind: 'enterprise',
      holder: 'Highland Tea Co',
      organisation: 'Highland Tea Co',
      role: 'member',
      from: '2022-01-01',
    },
    {
      committee: 'SAC/TC 114/SC 1',
      memberKind: 'engineer',
      holder: 'Li Wei',
      from: '2021-03-01',
      to: '2025-03-01',
    },
  ],
  'registry POST /committee-seats/{id}/end': [{ to: '2025-01-01', reason: 'term ended' }],
  'registry POST /certifications': [
    {
      enterprise: 'Acme Paints',
      level: 'AA',
      authorityLevel: 'provincial',
      authority: 'Provincial SAMR',
      certifiedOn: '2022-09-09',
      town: 'Gulou',
    },
  ],
  'registry POST /import': [
    [
      { type: 'standard', ...loquat, code: 'DB50/T 5555-2018' },
      { type: 'key-product', enterprise: 'E', product: 'P', field: 'F' },
    ],
  ],
  'reporting POST /plans': [
    plan,
    { ...plan, id: 'fuzz-plan-b', period: { start: '2021-01-01', end: '2025-12-31' } },
  ],
  'reporting POST /plans/{planId}/indicators/{indicatorId}/peers': [
    {
      asOf: '2020-12-31',
      peers: [
        { district: 'Yongchuan', total: 12 },
        { district: 'Rongchang', total: 1 },
      ],
    },
  ],
  'tbt POST /notifications': [
    paintsNotification('G/TBT/N/MWI/901'),
    [paintsNotification('G/TBT/N/MWI/902'), { ...paintsNotification('G/SPS/N/CHN/903'), hsCodes: ['0401'] }],
  ],
  'tbt POST /exporters': [
    {
      exporterId: 'fuzz-paints',
      enterprise: 'Acme Paints',
      hs: ['3208'],
      markets: ['MWI'],
      keywords: ['paint'],
      areas: ['TBT'],
    },
    {
      exporterId: 'fuzz-tea',
      enterprise: 'Highland Tea Co',
      hs: ['0902'],
      markets: ['EU'],
      delivery: { digest: 'daily', email: 'ops@tea.example' },
    },
  ],
  'tbt POST /alerts/{id}/acknowledge': [
    { impact: 'low', action: 'ignore', note: 'not our product' },
    { impact: 'high', action: 'comment-via-enquiry-point', tradeConcernCandidate: true },
  ],
};

/** The header line of each text import, so generated rows reach the row checks. */
export const TEXT_HEADERS: Record<string, string> = {
  'registry POST /import':
    'type,code,title_zh,title_en,ics,ccs,sector,project,work_kind,stage,lead_organisation,participants,enterprise,product,field,since,town',
  'tbt POST /notifications/import':
    'Notifying Member,Distribution date,Document symbol,Title,Description,Products covered,HS code(s),ICS code(s),Objectives,Keywords,Specific regions or countries likely to be affected,Final date for comments,Notification type,Notified document',
};
