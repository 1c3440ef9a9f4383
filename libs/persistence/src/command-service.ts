import type { EventPublisher, NatsHandle, Topology } from '@highland/messaging';
import type { AggregateSource } from './aggregate-view.js';
import { BulkCommands } from './bulk-commands.js';
import type { CallContext, Command } from './command.js';
import { CommandExecutor, type CommandResult } from './command-executor.js';
import { CommandUnconfirmed } from './errors.js';

/**
 * How long a command may take before its caller is told to retry: a publish retries for as long
 * as NATS is away, and an HTTP caller must get an answer (503, Retry-After) before its own
 * timeout rather than a hang. The command goes on; its event id keeps a retry from doubling it.
 */
export const COMMAND_DEADLINE_MS = 8_000;

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
    private readonly deadlineMs = COMMAND_DEADLINE_MS,
  ) {
    this.executor = new CommandExecutor(nats, topology, service, publisher, view);
  }

  run(command: Command<S>, ctx: CallContext): Promise<CommandResult<S>> {
    const running = this.executor.execute({
      aggregateId: command.aggregateId,
      decide: (current) => command.decide(current),
      actor: ctx.actor,
      reason: command.reason ?? command.name,
      correlationId: ctx.correlationId,
      ...(ctx.causationId ? { causationId: ctx.causationId } : {}),
      ...(ctx.eventId ? { eventId: ctx.eventId } : {}),
    });
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new CommandUnconfirmed(command.aggregateId, this.deadlineMs)),
        this.deadlineMs,
      );
    });
    return Promise.race([running, deadline]).finally(() => clearTimeout(timer));
  }

  /** Many commands of one caller, pipelined (a bulk import); see BulkCommands. */
  bulk(ctx: Omit<CallContext, 'eventId'>): BulkCommands<S> {
    return new BulkCommands(this.view, this.publisher, ctx, (command) => this.run(command, ctx));
  }
}
