import { Inject, Injectable } from '@nestjs/common';
import type { EventPublisher, NatsHandle, Topology } from '@highland/messaging';
import { CommandService } from '@highland/persistence';
import { NATS, PUBLISHER, TOPOLOGY } from '@highland/service-kit';
import type { IncentivesState } from '../domain/state.js';
import { IncentivesView } from '../view/incentives-view.js';

/** The incentives write path: every command file's command runs here. */
@Injectable()
export class IncentivesCommands extends CommandService<IncentivesState> {
  constructor(
    @Inject(NATS) nats: NatsHandle,
    @Inject(TOPOLOGY) topology: Topology,
    @Inject(PUBLISHER) publisher: EventPublisher,
    @Inject(IncentivesView) view: IncentivesView,
  ) {
    super(nats, topology, 'incentives', publisher, view.aggregates);
  }
}
