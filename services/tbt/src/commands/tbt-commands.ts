import { Inject, Injectable } from '@nestjs/common';
import type { EventPublisher, NatsHandle, Topology } from '@highland/messaging';
import { CommandService } from '@highland/persistence';
import { NATS, PUBLISHER, TOPOLOGY } from '@highland/service-kit';
import type { TbtState } from '../aggregates/state.js';
import { TbtView } from '../view/tbt-view.js';

/** TBT's write path: every command file's command runs here, one guarded publish per command. */
@Injectable()
export class TbtCommands extends CommandService<TbtState> {
  constructor(
    @Inject(NATS) nats: NatsHandle,
    @Inject(TOPOLOGY) topology: Topology,
    @Inject(PUBLISHER) publisher: EventPublisher,
    @Inject(TbtView) view: TbtView,
  ) {
    super(nats, topology, 'tbt', publisher, view.aggregates);
  }
}
