import type { EventPublisher, NatsHandle, Topology } from '@highland/messaging';
import type { AggregateSource } from './aggregate-view.js';
import { BulkCommands } from './bulk-commands.js';
import type { CallContext, Command } from './command.js';
import { CommandExecutor, type CommandResult } from './command-executor.js';

/**
 * A service's write path: every command of the service runs here, against the one view of its
 * own aggregates, through one guarded publish (`CommandExecutor`), or many pipelined (`bulk`).
 */
export class CommandService<S> {
  private readonly executor: CommandExecutor<S>;

  constructor(
    nats: NatsHandle,
    topology: Topology,
    service: string,
    private readonly publisher: EventPublisher,
    readonly view: AggregateSource<S>,
  ) {
    this.executor = new CommandExecutor(nats, topology, service, publisher, view);
  }

  run(command: Command<S>, ctx: CallContext): Promise<CommandResult<S>> {
    return this.executor.execute({
      aggregateId: command.aggregateId,
      decide: (current) => command.decide(current),
      actor: ctx.actor,
      reason: command.reason ?? command.name,
      correlationId: ctx.correlationId,
      ...(ctx.causationId ? { causationId: ctx.causationId } : {}),
      ...(ctx.eventId ? { eventId: ctx.eventId } : {}),
    });
  }

  /** Many commands of one caller, pipelined (a bulk import); see BulkCommands. */
  bulk(ctx: Omit<CallContext, 'eventId'>): BulkCommands<S> {
    return new BulkCommands(this.view, this.publisher, ctx, (command) => this.run(command, ctx));
  }
}
