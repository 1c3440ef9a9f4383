import type { EventEnvelope } from '@highland/contracts';
import { describe, expect, it } from 'vitest';
import {
  instructPayment,
  markBudgetPaid,
  releaseBudget,
  reserveBudget,
} from '../../src/commands/ledger-entries.js';
import { type IncentivesState, reduce } from '../../src/domain/state.js';
import type { AggregateEntry } from '@highland/persistence';

const limits = { totalBudgetFen: 1_000, perApplicantCapFen: 600 };
let seq = 0;

/** Applies a command's decision the way the view would. */
function apply(entry: AggregateEntry<IncentivesState> | undefined, cmd: ReturnType<typeof reserveBudget>) {
  const d = cmd.decide(entry);
  if (!d) return entry;
  const e = {
    type: d.contract.type,
    data: d.data,
    actor: { department: 'office', user: 'x' },
    occurredAt: '2026-01-01T00:00:00Z',
  } as unknown as EventEnvelope;
  return { state: reduce(entry?.state, e), version: (entry?.version ?? 0) + 1, streamSeq: ++seq };
}

describe('budget ledger', () => {
  it('reserves until the budget is spent, never below zero, and names the limit', () => {
    let l = apply(undefined, reserveBudget('p', limits, 'a1', 'A', 500));
    l = apply(l, reserveBudget('p', limits, 'a2', 'B', 400));
    expect(() => reserveBudget('p', limits, 'a3', 'C', 200).decide(l)).toThrow(/has 100 fen left/);
    l = apply(l, reserveBudget('p', limits, 'a3', 'C', 100));
    expect(l!.state).toMatchObject({ reservedFen: 1_000, paidFen: 0 });
  });

  it('keeps every applicant under the cap across its applications', () => {
    let l = apply(undefined, reserveBudget('p', limits, 'a1', 'A', 500));
    expect(() => reserveBudget('p', limits, 'a2', 'A', 101).decide(l)).toThrow(/over the cap of 600/);
    l = apply(l, reserveBudget('p', limits, 'a2', 'A', 100));
    expect(l!.state).toMatchObject({ byApplicant: { A: 600 } });
  });

  it('answers the same reservation again unchanged, and a different amount for it 409', () => {
    const l = apply(undefined, reserveBudget('p', limits, 'a1', 'A', 500));
    expect(reserveBudget('p', limits, 'a1', 'A', 500).decide(l)).toBeUndefined();
    expect(() => reserveBudget('p', limits, 'a1', 'A', 400).decide(l)).toThrow(/already holds 500/);
  });

  it('releases back to the budget and to the applicant', () => {
    let l = apply(undefined, reserveBudget('p', limits, 'a1', 'A', 600));
    l = apply(l, releaseBudget('p', 1_000, 'a1'));
    expect(l!.state).toMatchObject({ reservedFen: 0, byApplicant: { A: 0 } });
    expect(releaseBudget('p', 1_000, 'a1').decide(l)).toBeUndefined();
    l = apply(l, reserveBudget('p', limits, 'a2', 'A', 600));
    expect(l!.state).toMatchObject({ reservedFen: 600 });
  });

  it('instructs instalments once each, never more than reserved, and pays them with finance reference', () => {
    let l = apply(undefined, reserveBudget('p', limits, 'a1', 'A', 600));
    l = apply(l, instructPayment('p', 'a1', 'A', { instalment: 1, amountFen: 400 }));
    expect(instructPayment('p', 'a1', 'A', { instalment: 1, amountFen: 400 }).decide(l)).toBeUndefined();
    expect(() => instructPayment('p', 'a1', 'A', { instalment: 1, amountFen: 300 }).decide(l)).toThrow(
      /already issued/,
    );
    expect(() => instructPayment('p', 'a1', 'A', { instalment: 2, amountFen: 201 }).decide(l)).toThrow(
      /200 fen of the approval/,
    );
    expect(() => releaseBudget('p', 1_000, 'a1').decide(l)).toThrow(/not settled/);
    l = apply(l, markBudgetPaid('p', 'a1', 'a1#1', { financeReference: 'FIN-1', paidOn: '2026-02-01' }));
    expect(l!.state).toMatchObject({ reservedFen: 200, paidFen: 400 });
    expect(
      markBudgetPaid('p', 'a1', 'a1#1', { financeReference: 'FIN-1', paidOn: '2026-02-01' }).decide(l),
    ).toBeUndefined();
    expect(() =>
      markBudgetPaid('p', 'a1', 'a1#1', { financeReference: 'FIN-2', paidOn: '2026-02-01' }).decide(l),
    ).toThrow(/already paid/);
    expect(() =>
      markBudgetPaid('p', 'a1', 'a1#9', { financeReference: 'FIN-2', paidOn: '2026-02-01' }).decide(l),
    ).toThrow(/no payment instruction/);
  });
});
