import { Rejection } from '@highland/contracts';
import { describe, expect, it } from 'vitest';
import { appealApplication, startReview } from '../../src/commands/application-lifecycle.js';
import { scoreReview } from '../../src/commands/score-review.js';
import { approvalAmount } from '../../src/commands/decide-application.js';
import { APPLICATION_STATUSES, assertMove, NEXT } from '../../src/domain/lifecycle.js';
import type { ApplicationState, ParticipantState } from '../../src/domain/state.js';
import { programme, WAN } from '../fixtures.js';

const app = (over: Partial<ApplicationState> = {}): ApplicationState => ({
  kind: 'application',
  programmeId: 'awards-test',
  applicant: 'Gulou Machinery Co',
  participantId: 'gulou',
  items: [],
  outcomes: [],
  requestedFen: 20 * WAN,
  status: 'under-review',
  claims: [],
  eligibility: { eligible: true, checks: [], eligibleFen: 20 * WAN },
  round: 1,
  reviewers: ['wang', 'li'],
  scores: [],
  appeals: 0,
  flags: [],
  paidFen: 0,
  payments: [],
  history: [],
  draftedAt: '',
  ...over,
});
const entry = (a: ApplicationState) => ({ state: a, version: 1, streamSeq: 1 });
const reviewer = (id: string, organisation: string): ParticipantState => ({
  kind: 'participant',
  participantId: id,
  role: 'reviewer',
  name: id,
  organisation,
});

describe('application lifecycle', () => {
  it('refuses an invalid move with 409 naming the current state and the allowed next', () => {
    try {
      assertMove('draft', 'approved');
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(Rejection);
      expect((err as Rejection).kind).toBe('conflict');
      expect((err as Rejection).extra).toEqual({
        currentState: 'draft',
        allowedNext: ['submitted', 'withdrawn'],
      });
    }
    for (const s of APPLICATION_STATUSES)
      for (const n of NEXT[s]) expect(() => assertMove(s, n)).not.toThrow();
    expect(NEXT.paid).toEqual([]);
  });

  it('allows one appeal', () => {
    expect(appealApplication('x', 'g').decide(entry(app({ status: 'rejected' })))).toBeDefined();
    expect(() => appealApplication('x', 'g').decide(entry(app({ status: 'rejected', appeals: 1 })))).toThrow(
      /once/,
    );
  });

  it("refuses a reviewer of the applicant's organisation, at assignment and at scoring", () => {
    const a = app({ status: 'eligibility-checked', reviewers: [] });
    expect(() =>
      startReview('x', { reviewers: ['zhang'] }, [reviewer('zhang', 'GULOU  machinery co')]).decide(entry(a)),
    ).toThrow(/applicant's organisation/);
    expect(() => startReview('x', { reviewers: ['nobody'] }, [undefined]).decide(entry(a))).toThrow(
      /not a registered reviewer/,
    );
    const p = programme();
    const inside = reviewer('wang', 'Gulou Machinery Co');
    expect(() =>
      scoreReview('x', inside, { scores: { impact: 40, quality: 40 } }, p).decide(entry(app())),
    ).toThrow(/applicant's organisation/);
  });

  it('takes one score per assigned reviewer and round, within the criteria', () => {
    const p = programme();
    const wang = reviewer('wang', 'University');
    const d = scoreReview('x', wang, { scores: { impact: 40, quality: 30 } }, p).decide(entry(app()));
    expect(d?.data).toMatchObject({ reviewer: 'wang', total: 70 });
    expect(() =>
      scoreReview('x', wang, { scores: { impact: 60, quality: 30 } }, p).decide(entry(app())),
    ).toThrow(/do not fit/);
    expect(() =>
      scoreReview('x', reviewer('zhou', 'U'), { scores: { impact: 1, quality: 1 } }, p).decide(entry(app())),
    ).toThrow(/not assigned/);
    const scored = app({
      scores: [
        {
          reviewer: 'wang',
          organisation: 'University',
          scores: { impact: 40, quality: 30 },
          total: 70,
          round: 1,
        },
      ],
    });
    expect(() =>
      scoreReview('x', wang, { scores: { impact: 41, quality: 30 } }, p).decide(entry(scored)),
    ).toThrow(/already scored/);
  });

  it('approves only with the configured number of scores, never over the eligible amount or the cap', () => {
    const p = programme();
    const s = (r: string) => ({ reviewer: r, organisation: 'U', scores: {}, total: 50, round: 1 });
    expect(() => approvalAmount(app({ scores: [s('wang')] }), { outcome: 'approve' }, p)).toThrow(
      /1 of the 2 scores/,
    );
    const ready = app({ scores: [s('wang'), s('li')] });
    expect(approvalAmount(ready, { outcome: 'approve' }, p)).toBe(20 * WAN);
    expect(approvalAmount(ready, { outcome: 'approve', amountFen: 5 * WAN }, p)).toBe(5 * WAN);
    expect(() => approvalAmount(ready, { outcome: 'approve', amountFen: 21 * WAN }, p)).toThrow(
      /more than the eligible/,
    );
    const award = programme({
      kind: 'award',
      prizeTiers: [{ id: 'first', title: { zh: '一等奖' }, amountFen: 50 * WAN }],
    });
    expect(approvalAmount(ready, { outcome: 'approve', tier: 'first' }, award)).toBe(50 * WAN);
  });
});
