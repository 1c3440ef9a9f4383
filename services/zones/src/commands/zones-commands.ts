import { Inject, Injectable } from '@nestjs/common';
import type { EventPublisher, NatsHandle, Topology } from '@highland/messaging';
import { CommandService } from '@highland/persistence';
import { NATS, PUBLISHER, TOPOLOGY } from '@highland/service-kit';
import type { ZoneState } from '../domain/state.js';
import { ZonesView } from '../view/zones-view.js';

/** The zones write path: every command file's command runs here (`run`, or `bulk` for imports). */
@Injectable()
export class ZonesCommands extends CommandService<ZoneState> {
  constructor(
    @Inject(NATS) nats: NatsHandle,
    @Inject(TOPOLOGY) topology: Topology,
    @Inject(PUBLISHER) publisher: EventPublisher,
    @Inject(ZonesView) view: ZonesView,
  ) {
    super(nats, topology, 'zones', publisher, view.aggregates);
  }
}
