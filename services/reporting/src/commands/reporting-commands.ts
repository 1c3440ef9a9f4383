import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { type Actor, type EventEnvelope, PeerFiguresImportedV1, PlanDefinedV1 } from '@highland/contracts';
import type { EventPublisher, NatsHandle, Topology } from '@highland/messaging';
import { AggregateView, CommandExecutor } from '@highland/persistence';
import {
  ConflictProblem,
  NATS,
  NotFoundProblem,
  PUBLISHER,
  TOPOLOGY,
  ValidationProblem,
} from '@highland/service-kit';
import { findPeriodOverlaps, parsePlan, type Plan } from '../domain/plan.js';
import { SEED_PLAN_ID } from '../domain/seed-plan.js';
import { ReportingView } from '../view/reporting-view.js';
import type { PeersBody } from './peers.input.js';

type OwnState = { data: unknown };

/** The office's commands on reporting's own aggregates: plans and peer figures. */
@Injectable()
export class ReportingCommands implements OnModuleInit, OnApplicationShutdown {
  private readonly own: AggregateView<OwnState>;
  private readonly executor: CommandExecutor<OwnState>;

  constructor(
    @Inject(NATS) nats: NatsHandle,
    @Inject(TOPOLOGY) topology: Topology,
    @Inject(PUBLISHER) publisher: EventPublisher,
    @Inject(ReportingView) private readonly view: ReportingView,
  ) {
    this.own = new AggregateView<OwnState>(nats, topology, {
      service: 'reporting',
      reducer: (_s, e: EventEnvelope) => ({ data: e.data }),
    });
    this.executor = new CommandExecutor(nats, topology, 'reporting', publisher, this.own);
  }

  async onModuleInit(): Promise<void> {
    await this.own.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.own.stop();
  }

  async definePlan(input: unknown, actor: Actor, correlationId: string, reason?: string): Promise<Plan> {
    const parsed = parsePlan(input);
    if (!parsed.ok) {
      throw new ValidationProblem(
        'the plan definition is invalid',
        parsed.issues.map((i) => ({ field: `body.${i.at}`.replace(/\.$/, ''), reason: i.message })),
      );
    }
    const plan = parsed.plan;
    if (plan.id === SEED_PLAN_ID) {
      throw new ConflictProblem('the seed plan ships with Highland and cannot be redefined', [
        { field: 'body.id', reason: 'reserved' },
      ]);
    }
    const others = this.view.state.planList().filter((p) => p.id !== plan.id);
    const overlaps = findPeriodOverlaps({ id: plan.id, period: plan.period }, others);
    if (overlaps.length) {
      throw new ConflictProblem(
        'the plan period overlaps another plan',
        overlaps.map((o) => ({ field: `body.${o.at}`, reason: o.message })),
      );
    }
    await this.executor.execute({
      aggregateId: `plan-${plan.id}`,
      actor,
      reason: reason ?? 'define plan',
      correlationId,
      decide: () => ({
        contract: PlanDefinedV1,
        data: { planId: plan.id, period: plan.period, definition: input as Record<string, unknown> },
      }),
    });
    await this.view.catchUp();
    return plan;
  }

  async importPeers(
    planId: string,
    indicatorId: string,
    body: PeersBody,
    actor: Actor,
    correlationId: string,
  ) {
    const plan = this.view.state.plans.get(planId);
    if (!plan) throw new NotFoundProblem(`no plan ${planId}`);
    const indicator = plan.indicators.find((i) => i.id === indicatorId);
    if (!indicator) throw new NotFoundProblem(`plan ${planId} has no indicator ${indicatorId}`);
    if (indicator.target.kind !== 'comparative') {
      throw new ConflictProblem(`indicator ${indicatorId} is not comparative: it takes no peer figures`, [
        { field: 'path.indicatorId', reason: `its target is ${indicator.target.kind}` },
      ]);
    }
    await this.executor.execute({
      aggregateId: `peers-${planId}-${indicatorId}`,
      actor,
      reason: body.reason ?? 'import peer districts’ figures',
      correlationId,
      decide: () => ({
        contract: PeerFiguresImportedV1,
        data: { planId, indicatorId, asOf: body.asOf, peers: body.peers },
      }),
    });
    await this.view.catchUp();
    return this.view.attainment(planId, indicatorId);
  }
}
