import { Inject, Injectable } from '@nestjs/common';
import type { EventPublisher, NatsHandle, Topology } from '@highland/messaging';
import { CommandService } from '@highland/persistence';
import { NATS, PUBLISHER, TOPOLOGY } from '@highland/service-kit';
import type { RegistryState } from '../domain/aggregates/state.js';
import { RegistryView } from '../view/registry-view.js';

/** The registry's write path: every command file's command runs here (`run`, or `bulk` for imports). */
@Injectable()
export class RegistryCommands extends CommandService<RegistryState> {
  constructor(
    @Inject(NATS) nats: NatsHandle,
    @Inject(TOPOLOGY) topology: Topology,
    @Inject(PUBLISHER) publisher: EventPublisher,
    @Inject(RegistryView) view: RegistryView,
  ) {
    super(nats, topology, 'registry', publisher, view.aggregates);
  }
}
