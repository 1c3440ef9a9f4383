import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { Rejection } from '@highland/contracts';
import { ConcurrencyConflict, type NatsHandle, type Topology } from '@highland/messaging';
import type { CallContext, Command, CommandResult } from '@highland/persistence';
import { NATS, TOPOLOGY } from '@highland/service-kit';
import { evaluate, type Eligibility } from '../domain/eligibility.js';
import { claimId, instructionRef } from '../domain/ids.js';
import type { ApplicationState, IncentivesState, ParticipantState, ProgrammeState } from '../domain/state.js';
import { IncentivesView } from '../view/incentives-view.js';
import {
  appealApplication,
  awardApplication,
  recordEligibility,
  rejectApplication,
  startReview,
  type StartReviewBody,
  submitApplication,
  withdrawApplication,
} from './application-lifecycle.js';
import { claimItem, releaseClaim } from './claim-item.js';
import { approvalAmount, approveApplication, type DecisionBody } from './decide-application.js';
import { draftApplication, type DraftApplicationBody, ineligible } from './draft-application.js';
import { IncentivesCommands } from './incentives-commands.js';
import {
  instructPayment,
  type InstructPaymentBody,
  markBudgetPaid,
  type MarkPaidBody,
  releaseBudget,
  reserveBudget,
} from './ledger-entries.js';
import { recordPaymentPaid } from './payment-paid.js';
import { scoreReview, type ScoreBody } from './score-review.js';

type Result = CommandResult<IncentivesState>;

/** Later steps of one call carry no Idempotency-Key event id: each is idempotent by its own decision. */
const followUp = (ctx: CallContext): CallContext => {
  const { eventId: _eventId, ...rest } = ctx;
  return rest;
};

const today = () => new Date().toISOString().slice(0, 10);

/**
 * The steps that span aggregates: claims before a submission, the ledger before an approval,
 * the ledger before a payment. Each step is one guarded publish and idempotent, so a retried call
 * finishes what a failed one started, and a step refused midway undoes the ones before it.
 */
@Injectable()
export class ApplicationsWorkflow {
  constructor(
    @Inject(IncentivesCommands) private readonly commands: IncentivesCommands,
    @Inject(IncentivesView) private readonly view: IncentivesView,
    @Inject(NATS) private readonly nats: NatsHandle,
    @Inject(TOPOLOGY) private readonly topology: Topology,
  ) {}

  /**
   * Another replica may have recorded the aggregate's last event a moment ago: when a decision is
   * refused, this replica catches up with the aggregate's last event in the stream and decides
   * once more, so a caller never sees a refusal that only a lagging view made.
   */
  private async fresh<T>(aggregateId: string, fn: () => T | Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      if (!(err instanceof Rejection)) throw err;
      const last = await this.nats.jsm.streams
        .getMessage(this.topology.eventStream('incentives').name, {
          last_by_subj: this.topology.aggregateFilter('incentives', aggregateId),
        })
        .catch(() => undefined);
      if (!last || last.seq <= (this.view.get(aggregateId)?.streamSeq ?? 0)) throw err;
      await this.view.waitFor(last.seq);
      return fn();
    }
  }

  /**
   * One command, decided again on a fresher view when refused; a hot aggregate (a programme's
   * ledger under approvals from several replicas) may lose the executor's bounded retries, and is
   * tried again a few times before the caller sees a failure.
   */
  private async run(cmd: Command<IncentivesState>, ctx: CallContext): Promise<Result> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.fresh(cmd.aggregateId, () => this.commands.run(cmd, ctx));
      } catch (err) {
        if (!(err instanceof ConcurrencyConflict) || attempt >= 5) throw err;
        await new Promise((r) => setTimeout(r, Math.random() * 20 * attempt));
      }
    }
  }

  programmeOf(slug: string, field = 'body.programmeId'): ProgrammeState {
    const p = this.view.programme(slug);
    if (!p) throw Rejection.notFound(`no programme ${slug}`, [{ field, reason: 'not a programme' }]);
    return p;
  }

  /** Every cited item checked against the service's copy of the facts (caught up first when one is missing). */
  async check(
    p: ProgrammeState,
    applicant: string,
    items: DraftApplicationBody['items'],
  ): Promise<Eligibility> {
    const run = () =>
      evaluate(
        p.definition,
        applicant,
        items,
        this.view,
        this.view.committedInYear(applicant, p.definition.year, p.definition.id),
      );
    let result = run();
    if (result.outcomes.some((o) => o.key.startsWith('unknown:'))) {
      await Promise.all([this.view.registry.catchUp(), this.view.zones.catchUp()]);
      result = run();
    }
    return result;
  }

  private assertWindow(p: ProgrammeState): void {
    const { opens, closes } = p.definition.window;
    const now = today();
    if (now < opens || now > closes)
      throw Rejection.unprocessable(`programme ${p.definition.id} takes applications ${opens}..${closes}`, [
        { field: 'body.programmeId', reason: `outside the application window (${opens}..${closes})` },
      ]);
  }

  async draft(
    input: DraftApplicationBody,
    applicant: ParticipantState,
    ctx: CallContext,
  ): Promise<{ id: string; result: Result }> {
    const p = this.programmeOf(input.programmeId);
    this.assertWindow(p);
    const result = await this.check(p, applicant.name, input.items);
    // A claim already held by another application is refused now, before anything is stored (the
    // claim itself is taken, race-free, at submission).
    result.outcomes.forEach((o, i) => {
      const holder = this.claimHolder(p.definition.id, o.key);
      if (holder)
        throw Rejection.conflict('an item is already claimed', [
          { field: `body.items.${i}.ref`, reason: 'already claimed for this role by another application' },
        ]);
    });
    const id = `app-${ctx.eventId ?? randomUUID()}`;
    return { id, result: await this.run(draftApplication(id, input, applicant, result), ctx) };
  }

  private claimHolder(programme: string, key: string): string | undefined {
    const claim = this.view.get(claimId(programme, key))?.state;
    return claim?.kind === 'claim' && claim.held ? claim.applicationId : undefined;
  }

  /** Submits: re-checks eligibility, takes every claim (undone if one is held elsewhere), records the check. */
  async submit(id: string, ctx: CallContext): Promise<Result> {
    const a = this.application(id);
    const p = this.programmeOf(a.programmeId, 'programmeId');
    this.assertWindow(p);
    if (a.status !== 'draft') return this.run(submitApplication(id, a.claims), ctx);
    const result = await this.check(p, a.applicant, a.items);
    if (!result.eligible) throw ineligible(result);
    const taken: string[] = [];
    const next = followUp(ctx);
    try {
      for (const o of result.outcomes) {
        const cmd = claimItem(p.definition.id, o.key, id, a.applicant, `body.items.${o.item}.ref`);
        await this.run(cmd, next);
        taken.push(cmd.aggregateId);
      }
      await this.run(submitApplication(id, taken), ctx);
    } catch (err) {
      for (const claim of taken) await this.run(releaseClaim(claim, id), next).catch(() => undefined);
      throw err;
    }
    return this.run(recordEligibility(id, result), next);
  }

  startReview(id: string, input: StartReviewBody, ctx: CallContext): Promise<Result> {
    const reviewers = input.reviewers.map((r) => this.view.participant(r));
    return this.run(startReview(id, input, reviewers), ctx);
  }

  score(id: string, reviewer: ParticipantState, input: ScoreBody, ctx: CallContext): Promise<Result> {
    const a = this.application(id);
    const p = this.programmeOf(a.programmeId, 'programmeId');
    return this.run(scoreReview(id, reviewer, input, p.definition), ctx);
  }

  /**
   * Approves: the ledger first (budget and cap settled there, on its expected sequence), then
   * the application; if the application refuses (it moved meanwhile), the reservation is released.
   */
  async decide(id: string, input: DecisionBody, ctx: CallContext): Promise<Result> {
    const a = this.application(id);
    const p = this.programmeOf(a.programmeId, 'programmeId');
    if (input.outcome === 'reject') {
      const res = await this.run(rejectApplication(id, input.reason), ctx);
      await this.release(p, id, followUp(ctx));
      return res;
    }
    if (a.status === 'approved') return this.run(approveApplication(id, a.approvedFen!, a.tier), ctx);
    const amount = approvalAmount(a, input, p.definition);
    const next = followUp(ctx);
    await this.run(reserveBudget(p.definition.id, p.definition, id, a.applicant, amount), next);
    try {
      return await this.run(approveApplication(id, amount, input.tier, input.reason), ctx);
    } catch (err) {
      await this.commands
        .run(releaseBudget(p.definition.id, p.definition.totalBudgetFen, id), next)
        .catch(() => undefined);
      throw err;
    }
  }

  /** Withdraws, then releases what the application held: its budget and its claims. */
  async withdraw(id: string, reason: string | undefined, ctx: CallContext): Promise<Result> {
    const a = this.application(id);
    const p = this.programmeOf(a.programmeId, 'programmeId');
    const res = await this.run(withdrawApplication(id, reason), ctx);
    const next = followUp(ctx);
    await this.release(p, id, next);
    for (const claim of a.claims) await this.run(releaseClaim(claim, id), next);
    return res;
  }

  appeal(id: string, grounds: string, ctx: CallContext): Promise<Result> {
    return this.run(appealApplication(id, grounds), ctx);
  }

  award(id: string, noticeOn: string, ctx: CallContext): Promise<Result> {
    return this.run(awardApplication(id, noticeOn), ctx);
  }

  /** Issues one instalment's instruction (only for an awarded application), once. */
  async instruct(id: string, input: InstructPaymentBody, ctx: CallContext): Promise<Result> {
    const a = await this.fresh(id, () => {
      const app = this.application(id);
      if (app.status !== 'awarded')
        throw Rejection.conflict(
          `an application in state '${app.status}' is not paid`,
          [{ field: 'status', reason: 'not awarded' }],
          { currentState: app.status },
        );
      return app;
    });
    return this.run(instructPayment(a.programmeId, id, a.applicant, input), ctx);
  }

  /** Finance marks an instruction paid: the ledger first, then the application. */
  async markPaid(instruction: string, input: MarkPaidBody, ctx: CallContext): Promise<Result> {
    const [id, n] = instruction.split('#');
    const a = this.application(id ?? '');
    const instalment = Number(n);
    if (!Number.isInteger(instalment) || instructionRef(id!, instalment) !== instruction)
      throw Rejection.notFound(`no payment instruction ${instruction}`);
    const res = await this.run(markBudgetPaid(a.programmeId, id!, instruction, input), ctx);
    const ins = this.view.ledger(a.programmeId)?.lines[id!]?.instructions[instruction];
    await this.run(
      recordPaymentPaid(id!, {
        instruction,
        instalment,
        amountFen: ins!.amountFen,
        financeReference: input.financeReference,
        paidOn: input.paidOn,
      }),
      followUp(ctx),
    );
    return res;
  }

  /** Releases what an application holds in its programme's ledger, if anything. */
  private async release(p: ProgrammeState, id: string, ctx: CallContext): Promise<void> {
    if (this.view.ledger(p.definition.id)?.lines[id]?.status !== 'reserved') return;
    await this.run(releaseBudget(p.definition.id, p.definition.totalBudgetFen, id), ctx);
  }

  /** Makes sure this replica has an application another replica may have recorded a moment ago. */
  async known(id: string): Promise<void> {
    if (this.view.application(id)) return;
    await this.fresh(id, () => this.application(id)).catch(() => undefined);
  }

  application(id: string): ApplicationState {
    const a = this.view.application(id);
    if (!a) throw Rejection.notFound(`no application ${id}`);
    return a;
  }
}
