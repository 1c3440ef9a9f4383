import { Inject, Injectable } from '@nestjs/common';
import type { EventPublisher, NatsHandle, Topology } from '@highland/messaging';
import { type CallContext, type CommandResult, CommandService } from '@highland/persistence';
import { NATS, PUBLISHER, TOPOLOGY } from '@highland/service-kit';
import { OWN_SERVICE, type OwnState } from '../view/own-aggregates.js';
import { ReportingView } from '../view/reporting-view.js';
import type { CurrentPlans, ReportingCommand } from './command.js';

/**
 * Reporting's write path: every command file's command runs here, against the own aggregates the
 * view keeps; an answer waits for the view to evaluate what the command moved.
 */
@Injectable()
export class ReportingCommands extends CommandService<OwnState> {
  /** The view's plans when a decision is taken (a replay may have switched the view meanwhile). */
  readonly plans: CurrentPlans = () => this.reporting.state.plans;

  constructor(
    @Inject(NATS) nats: NatsHandle,
    @Inject(TOPOLOGY) topology: Topology,
    @Inject(PUBLISHER) publisher: EventPublisher,
    @Inject(ReportingView) private readonly reporting: ReportingView,
  ) {
    super(nats, topology, OWN_SERVICE, publisher, reporting.own);
  }

  override async run(command: ReportingCommand, ctx: CallContext): Promise<CommandResult<OwnState>> {
    const result = await super.run(command, ctx);
    await this.reporting.catchUp();
    return result;
  }
}
