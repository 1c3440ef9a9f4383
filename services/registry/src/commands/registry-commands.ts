import { Inject, Injectable } from '@nestjs/common';
import type { Actor } from '@highland/contracts';
import { type EventPublisher, type NatsHandle, type Topology } from '@highland/messaging';
import { CommandExecutor, type CommandResult } from '@highland/persistence';
import { NATS, PUBLISHER, TOPOLOGY } from '@highland/service-kit';
import type { RegistryState } from '../domain/aggregates/state.js';
import { RegistryView } from '../view/registry-view.js';
import { BulkCommands } from './bulk-commands.js';
import type { RegistryCommand } from './command.js';

export interface CallContext {
  actor: Actor;
  correlationId: string;
  /** Set when the request carried an Idempotency-Key: a retry reuses the event id. */
  eventId?: string;
}

/** Runs a registry command through the write path and says what happened, for the API to answer. */
@Injectable()
export class RegistryCommands {
  private readonly executor: CommandExecutor<RegistryState>;

  constructor(
    @Inject(NATS) nats: NatsHandle,
    @Inject(TOPOLOGY) topology: Topology,
    @Inject(PUBLISHER) private readonly publisher: EventPublisher,
    @Inject(RegistryView) readonly view: RegistryView,
  ) {
    this.executor = new CommandExecutor(nats, topology, 'registry', publisher, view.aggregates);
  }

  run(command: RegistryCommand, ctx: CallContext): Promise<CommandResult<RegistryState>> {
    return this.executor.execute({
      aggregateId: command.aggregateId,
      decide: (current) => command.decide(current),
      actor: ctx.actor,
      reason: command.reason ?? command.name,
      correlationId: ctx.correlationId,
      ...(ctx.eventId ? { eventId: ctx.eventId } : {}),
    });
  }

  /** Many commands of one caller, pipelined (a bulk import); see BulkCommands. */
  bulk(ctx: Omit<CallContext, 'eventId'>): BulkCommands {
    return new BulkCommands(this.view, this.publisher, ctx, (command) => this.run(command, ctx));
  }
}
