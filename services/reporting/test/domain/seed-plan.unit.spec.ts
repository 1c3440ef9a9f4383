import { describe, expect, it } from 'vitest';
import { parsePlan } from '../../src/domain/plan.js';
import { SEED_PLAN } from '../../src/domain/seed-plan.js';

const byId = new Map(SEED_PLAN.indicators.map((i) => [i.id, i]));

describe('seed plan', () => {
  it('is a valid plan over 2013-01-01..2015-12-31', () => {
    expect(parsePlan(SEED_PLAN).ok).toBe(true);
    expect(SEED_PLAN.id).toBe('district-2015');
    expect(SEED_PLAN.period).toEqual({ start: '2013-01-01', end: '2015-12-31' });
  });

  it('has every target of the DOMAIN.md table, in order', () => {
    expect(SEED_PLAN.indicators.map((i) => i.id)).toEqual([
      'intl-adopted',
      'natl-industry',
      'local',
      'enterprise-filed',
      'adoption-rate',
      'tc-enterprises',
      'tc-engineers',
      'good-practice',
      'ag-zone-national',
      'ag-zone-municipal',
      'svc-pilot-national',
      'svc-pilot-municipal',
      'total-rank',
      '2020',
    ]);
  });

  it.each([
    ['intl-adopted', { kind: 'range', min: 3, max: 5 }],
    ['natl-industry', { kind: 'range', min: 2, max: 5 }],
    ['local', { kind: 'range', min: 5, max: 10 }],
    ['enterprise-filed', { kind: 'floor', min: 50 }],
    ['adoption-rate', { kind: 'percentage', min: 85, maintained: true }],
    ['tc-enterprises', { kind: 'range', min: 2, max: 5 }],
    ['tc-engineers', { kind: 'range', min: 3, max: 5 }],
    ['good-practice', { kind: 'floor', min: 10 }],
    ['ag-zone-national', { kind: 'floor', min: 3 }],
    ['ag-zone-municipal', { kind: 'floor', min: 5 }],
    ['svc-pilot-national', { kind: 'floor', min: 1 }],
    ['svc-pilot-municipal', { kind: 'floor', min: 3 }],
  ])('%s targets %o', (id, target) => {
    expect(byId.get(id)?.target).toEqual(target);
  });

  it('shows the comparative and the qualitative 2020 targets as such', () => {
    expect(byId.get('total-rank')?.target).toMatchObject({ kind: 'comparative', group: { zh: '渝西片區' } });
    expect(byId.get('2020')).toMatchObject({ target: { kind: 'qualitative' } });
    expect(byId.get('2020')?.counts).toBeUndefined();
  });

  it('carries Chinese names from the seed text and the listed sector focus', () => {
    expect(byId.get('enterprise-filed')?.name.zh).toBe('新增備案企業產品標準');
    expect(byId.get('adoption-rate')?.name.zh).toBe('重點領域重點產品的采標率');
    expect(byId.get('intl-adopted')?.sectorFocus).toEqual(['cement', 'automobile', 'textiles-apparel']);
    expect(byId.get('local')?.sectorFocus).toEqual(['food', 'planting-breeding', 'tourism']);
  });

  it('counts only municipal-or-higher certifications and national TC seats', () => {
    expect(byId.get('good-practice')?.counts?.where?.certificationAuthority).not.toContain('district');
    expect(byId.get('tc-engineers')?.counts?.where).toEqual({
      memberKind: ['engineer'],
      committeeLevel: ['national'],
    });
  });
});
