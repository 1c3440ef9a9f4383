import { type NatsHandle, ensureStream, type Topology } from '@highland/messaging';
import { AggregateView } from '@highland/persistence';
import { type KeyProductFact, reduceRegistryFact, type RegistryFact } from '../domain/facts.js';
import { codeKey, normaliseName } from '../domain/names.js';

/**
 * The incentives service's own copy of the registry's facts, on every replica: it follows
 * REGISTRY_EVENTS from the start (like reporting does) and keeps what eligibility reads, so an
 * application is checked against what the registry recorded, not against what the applicant says.
 */
export class RegistryFacts {
  readonly facts: AggregateView<RegistryFact>;
  private readonly idByCode = new Map<string, string>();
  private readonly keyProductByStandard = new Map<string, KeyProductFact>();
  private readonly filingByEnterpriseCode = new Map<string, string>();

  constructor(
    private readonly nats: NatsHandle,
    private readonly topology: Topology,
  ) {
    this.facts = new AggregateView<RegistryFact>(nats, topology, {
      service: 'registry',
      reducer: reduceRegistryFact,
      onApplied: (id, entry) => {
        const f = entry.state;
        if (f.kind === 'standard') this.idByCode.set(codeKey(f.code), id);
        if (f.kind === 'filing')
          this.filingByEnterpriseCode.set(
            `${normaliseName(f.enterprise)}\u0000${codeKey(f.standardCode)}`,
            id,
          );
        if (f.kind === 'key-product' && f.adoptsInternational && f.adoptedStandard)
          this.keyProductByStandard.set(codeKey(f.adoptedStandard), f);
      },
    });
  }

  async start(): Promise<void> {
    // The registry may not have started yet: its stream is created here the way it creates it.
    await ensureStream(this.nats.jsm, this.topology.eventStream('registry'));
    await this.facts.start();
  }

  stop(): Promise<void> {
    return this.facts.stop();
  }

  assertHealthy(): void {
    this.facts.assertHealthy();
  }

  get(id: string): RegistryFact | undefined {
    return this.facts.get(id)?.state;
  }

  standardIdByCode(code: string): string | undefined {
    return this.idByCode.get(codeKey(code));
  }

  filingId(enterprise: string, code: string): string | undefined {
    return this.filingByEnterpriseCode.get(`${normaliseName(enterprise)}\u0000${codeKey(code)}`);
  }

  keyProductAdopting(code: string): KeyProductFact | undefined {
    return this.keyProductByStandard.get(codeKey(code));
  }

  /**
   * Waits until every registry event published so far is applied: an item recorded in the
   * registry a moment ago is then found (read-your-writes across services).
   */
  async catchUp(): Promise<void> {
    const info = await this.nats.jsm.streams.info(this.topology.eventStream('registry').name);
    if (info.state.last_seq > this.facts.lastApplied) await this.facts.waitFor(info.state.last_seq, 5_000);
  }
}
