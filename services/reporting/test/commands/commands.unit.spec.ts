import { PeerFiguresImportedV1, PlanDefinedV1, Rejection } from '@highland/contracts';
import { describe, expect, it } from 'vitest';
import { definePlan } from '../../src/commands/define-plan.js';
import { importPeers } from '../../src/commands/import-peers.js';
import type { Plan } from '../../src/domain/plan.js';
import { SEED_PLAN } from '../../src/domain/seed-plan.js';

const plans = () => new Map<string, Plan>([[SEED_PLAN.id, SEED_PLAN]]);
const plan2020 = {
  id: 'district-2020',
  name: { zh: '十三五', en: '2016–2020' },
  period: { start: '2016-01-01', end: '2020-12-31' },
  indicators: [
    {
      id: 'local',
      name: { zh: '地方标准', en: 'Local standards' },
      unit: { zh: '项', en: 'items' },
      target: { kind: 'floor', min: 10 },
      counts: { fact: 'standard-work', measure: 'count-distinct' },
      breakdowns: [],
    },
  ],
};

function rejectionOf(run: () => unknown): Rejection {
  try {
    run();
  } catch (err) {
    if (err instanceof Rejection) return err;
    throw err;
  }
  throw new Error('no rejection');
}

describe('define plan', () => {
  it('records the definition as sent, on the plan’s own aggregate', () => {
    const cmd = definePlan(plan2020, plans);
    expect(cmd.aggregateId).toBe('plan-district-2020');
    expect(cmd.decide(undefined)).toEqual({
      contract: PlanDefinedV1,
      data: { planId: 'district-2020', period: plan2020.period, definition: plan2020 },
    });
  });

  it('refuses a malformed definition naming each field', () => {
    const bad = rejectionOf(() =>
      definePlan({ ...plan2020, period: { start: '2020-12-31', end: '2016' } }, plans),
    );
    expect(bad.kind).toBe('invalid');
    expect(bad.errors.map((e) => e.field)).toContain('body.period.end');
  });

  it('refuses to redefine the seed plan, and a period overlapping another plan', () => {
    const seed = rejectionOf(() => definePlan({ ...plan2020, id: SEED_PLAN.id }, plans).decide(undefined));
    expect(seed).toMatchObject({ kind: 'conflict', errors: [{ field: 'body.id', reason: 'reserved' }] });
    const overlap = rejectionOf(() =>
      definePlan({ ...plan2020, period: { start: '2015-06-01', end: '2020-12-31' } }, plans).decide(
        undefined,
      ),
    );
    expect(overlap.kind).toBe('conflict');
    expect(overlap.errors[0]?.field).toBe('body.period');
  });
});

describe('import peers', () => {
  const body = { asOf: '2015-12-31', peers: [{ district: 'Yongchuan', total: 12 }] };

  it('records peer figures for a comparative target', () => {
    const cmd = importPeers(SEED_PLAN.id, 'total-rank', body, plans);
    expect(cmd.aggregateId).toBe(`peers-${SEED_PLAN.id}-total-rank`);
    expect(cmd.decide(undefined)).toEqual({
      contract: PeerFiguresImportedV1,
      data: { planId: SEED_PLAN.id, indicatorId: 'total-rank', ...body },
    });
  });

  it('refuses an unknown plan or indicator, and an indicator that is not comparative', () => {
    expect(rejectionOf(() => importPeers('nope', 'total-rank', body, plans).decide(undefined)).kind).toBe(
      'not-found',
    );
    expect(rejectionOf(() => importPeers(SEED_PLAN.id, 'nope', body, plans).decide(undefined)).kind).toBe(
      'not-found',
    );
    expect(
      rejectionOf(() => importPeers(SEED_PLAN.id, 'intl-adopted', body, plans).decide(undefined)),
    ).toMatchObject({
      kind: 'conflict',
      errors: [{ field: 'path.indicatorId' }],
    });
  });
});
