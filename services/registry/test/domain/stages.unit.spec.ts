import { isoStageCode } from '@highland/reference-data';
import { describe, expect, it } from 'vitest';
import {
  allowedNext,
  INITIAL_STAGE,
  isFinalStage,
  isNationalStage,
  ISO_STAGE_OF,
  isoStageOf,
  NATIONAL_STAGES,
  transition,
  type NationalStage,
} from '../../src/domain/stages.js';

const PATH: NationalStage[] = [
  'plan-issued',
  'drafting',
  'public-comment',
  'review',
  'approval',
  'published',
];

describe('work-item stages', () => {
  it('walks the national path from plan to publication', () => {
    expect(INITIAL_STAGE).toBe('plan-issued');
    for (let i = 0; i + 1 < PATH.length; i += 1) {
      const [from, to] = [PATH[i] as NationalStage, PATH[i + 1] as NationalStage];
      expect(transition(from, to)).toEqual({
        ok: true,
        transition: { from, to, isoStage: ISO_STAGE_OF[to] },
      });
    }
  });

  it('ends published work by withdrawal or supersession, and unpublished work by cancellation', () => {
    expect(allowedNext('published')).toEqual(['withdrawn', 'superseded']);
    for (const stage of PATH.slice(0, -1)) expect(allowedNext(stage)).toContain('cancelled');
    expect(allowedNext('published')).not.toContain('cancelled');
    for (const stage of ['withdrawn', 'superseded', 'cancelled'] as const) {
      expect(isFinalStage(stage)).toBe(true);
      expect(allowedNext(stage)).toEqual([]);
    }
  });

  it('sends a draft that fails review back to drafting', () => {
    expect(transition('review', 'drafting').ok).toBe(true);
  });

  it('refuses a skipped stage, naming the current stage and the allowed next ones', () => {
    expect(transition('drafting', 'published')).toEqual({
      ok: false,
      error: {
        reason: "cannot move from stage 'drafting' to 'published'; allowed next: public-comment, cancelled",
        field: 'stage',
      },
      current: 'drafting',
      allowed: ['public-comment', 'cancelled'],
    });
    expect(transition('published', 'published').ok).toBe(false);
    expect(transition('approval', 'withdrawn').ok).toBe(false);
  });

  it('refuses any move out of a final stage', () => {
    const refusal = transition('withdrawn', 'published');
    expect(refusal.ok).toBe(false);
    if (!refusal.ok) {
      expect(refusal.error.reason).toBe(
        "a work item in stage 'withdrawn' is closed: it cannot move to 'published'",
      );
      expect(refusal.allowed).toEqual([]);
    }
  });

  it('maps every national stage to a real ISO harmonized stage code', () => {
    for (const stage of NATIONAL_STAGES) expect(isoStageCode(ISO_STAGE_OF[stage]), stage).toBeDefined();
    expect(ISO_STAGE_OF).toMatchObject({ drafting: '20.00', 'public-comment': '40.20', approval: '50.00' });
    expect(isoStageOf('published')).toMatchObject({
      code: '60.60',
      name: 'International Standard published',
    });
    expect(isoStageOf('withdrawn').stageName).toBe('Withdrawal');
  });

  it('never moves to a stage whose ISO code goes backwards, except redrafting', () => {
    for (const from of NATIONAL_STAGES) {
      for (const to of allowedNext(from)) {
        if (from === 'review' && to === 'drafting') continue;
        if (to === 'cancelled') continue;
        expect(Number(ISO_STAGE_OF[to]), `${from} → ${to}`).toBeGreaterThanOrEqual(
          Number(ISO_STAGE_OF[from]),
        );
      }
    }
  });

  it('recognises stage names', () => {
    expect(isNationalStage('public-comment')).toBe(true);
    expect(isNationalStage('Published')).toBe(false);
    expect(isNationalStage('60.60')).toBe(false);
  });
});
