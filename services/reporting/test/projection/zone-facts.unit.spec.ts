// The four zone targets of the seed plan count zones from the zones service's events: approved at
// the level granted, dated by the approval, revoked ones no longer.
import type { EventEnvelope } from '@highland/contracts';
import { describe, expect, it } from 'vitest';
import { SEED_PLAN } from '../../src/domain/seed-plan.js';
import { ReportingState } from '../../src/view/reporting-state.js';

let seq = 0;
const event = (type: string, id: string, data: unknown): EventEnvelope => ({
  id: `e${++seq}`,
  type,
  version: 1,
  source: 'zones',
  aggregate: { type: 'zone', id, seq },
  occurredAt: '2015-01-05T08:00:00Z',
  actor: { department: 'agriculture', user: 'li.wei' },
  reason: 'test',
  correlationId: 'c',
  data,
});

const profile = (name: string, kind: string) => ({
  name,
  kind,
  levelSought: 'national',
  productLine: 'loquat',
  town: 'Gulou',
  location: { lat: 29.3, lon: 105.9 },
  areaMu: 15000,
  areaHectares: 1000,
  undertaking: { name: 'Gulou Loquat Cooperative', kind: 'cooperative' },
  partners: [],
  department: 'agriculture',
  project: 2,
});
const approval = (level: string, approvedOn: string) => ({
  level,
  batch: 'b8',
  approvalDocument: 'SAC-17',
  approvedOn,
  constructionFrom: approvedOn,
  constructionTo: '2017-06-30',
});

function indicator(state: ReportingState, id: string) {
  return state.evaluate(SEED_PLAN.id, new Date('2015-06-30T00:00:00Z'))!.find((a) => a.indicatorId === id)!;
}

describe('zone facts', () => {
  it('moves the zone targets from no-data-source to real counts as zones are approved', () => {
    const state = new ReportingState();
    expect(indicator(state, 'ag-zone-national').status).not.toBe('no-data-source');
    expect(indicator(state, 'ag-zone-national').value).toBe(0);
    const apply = (e: EventEnvelope) => state.apply('zones', e, e.aggregate.seq);

    apply(
      event('zones.zone-proposed', 'zone-a', { ...profile('A', 'agricultural'), proposedOn: '2014-01-10' }),
    );
    expect(indicator(state, 'ag-zone-national').value).toBe(0);
    apply(
      event('zones.zone-applied', 'zone-a', { authority: 'SAC', level: 'national', appliedOn: '2014-02-01' }),
    );
    expect(indicator(state, 'ag-zone-national').value).toBe(0);
    apply(event('zones.zone-approved', 'zone-a', approval('national', '2014-06-01')));
    const national = indicator(state, 'ag-zone-national');
    expect(national.value).toBe(1);
    expect(national.items).toHaveLength(1);

    // granted at municipal level although national was sought: counts there
    apply(
      event('zones.zone-proposed', 'zone-b', { ...profile('B', 'service-pilot'), proposedOn: '2014-01-10' }),
    );
    apply(
      event('zones.zone-applied', 'zone-b', { authority: 'CQ', level: 'national', appliedOn: '2014-02-01' }),
    );
    apply(event('zones.zone-approved', 'zone-b', approval('municipal', '2014-07-01')));
    expect(indicator(state, 'svc-pilot-municipal').value).toBe(1);
    expect(indicator(state, 'svc-pilot-national').value).toBe(0);

    // a zone recorded at import, approved before the plan period, does not count
    apply(
      event('zones.zone-registered', 'zone-c', {
        ...profile('C', 'agricultural'),
        stage: 'passed',
        approval: approval('national', '2010-05-01'),
        passedOn: '2012-07-01',
      }),
    );
    expect(indicator(state, 'ag-zone-national').value).toBe(1);

    // the pipeline reads the zone's state; a revoked zone no longer counts
    apply(event('zones.zone-construction-started', 'zone-a', { on: '2014-07-01' }));
    expect(state.facts.get('demonstration-zone|zone-a')?.attributes.zoneState).toBe('under-construction');
    apply(event('zones.zone-revoked', 'zone-a', { on: '2015-01-01', grounds: 'no records' }));
    expect(indicator(state, 'ag-zone-national').value).toBe(0);
  });
});
