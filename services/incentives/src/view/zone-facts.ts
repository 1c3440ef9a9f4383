import { ensureStream, type NatsHandle, type Topology } from '@highland/messaging';
import { AggregateView } from '@highland/persistence';
import { reduceZoneFact, type ZoneFact } from '../domain/facts.js';
import { normaliseName } from '../domain/names.js';

/**
 * The incentives service's own copy of the zones' facts (approved, passed, revoked), on every
 * replica, followed from ZONES_EVENTS like the registry's.
 */
export class ZoneFacts {
  readonly facts: AggregateView<ZoneFact>;
  private readonly idByName = new Map<string, string>();

  constructor(
    private readonly nats: NatsHandle,
    private readonly topology: Topology,
  ) {
    this.facts = new AggregateView<ZoneFact>(nats, topology, {
      service: 'zones',
      reducer: reduceZoneFact,
      onApplied: (id, entry) => {
        if (entry.state.name) this.idByName.set(normaliseName(entry.state.name), id);
      },
    });
  }

  async start(): Promise<void> {
    // The zones service may not have started yet: its stream is created here the way it creates it.
    await ensureStream(this.nats.jsm, this.topology.eventStream('zones'));
    await this.facts.start();
  }

  stop(): Promise<void> {
    return this.facts.stop();
  }

  assertHealthy(): void {
    this.facts.assertHealthy();
  }

  /** A zone by its id, or by its name. */
  get(ref: string): ZoneFact | undefined {
    return this.facts.get(ref)?.state ?? this.facts.get(this.idByName.get(normaliseName(ref)) ?? '')?.state;
  }

  idOf(ref: string): string | undefined {
    return this.facts.get(ref) ? ref : this.idByName.get(normaliseName(ref));
  }

  async catchUp(): Promise<void> {
    const info = await this.nats.jsm.streams.info(this.topology.eventStream('zones').name);
    if (info.state.last_seq > this.facts.lastApplied) await this.facts.waitFor(info.state.last_seq, 5_000);
  }
}
