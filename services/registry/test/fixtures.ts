/** A local standard's work item as the agriculture department posts it (shared by tests). */
export const loquat = {
  code: 'DB50/T 1234-2014',
  title: { zh: '枇杷栽培技术规程', en: 'Code of practice for loquat cultivation' },
  ics: ['65.020.20'],
  ccs: ['B31'],
  sector: 'planting',
  project: 2,
  work: { kind: 'formulate' },
  stage: 'drafting',
  leadOrganisation: 'Gulou Agricultural Cooperative',
  participants: ['District Agriculture Committee'],
};
