import type { NatsHandle, Topology } from '@highland/messaging';
import { type AggregateEntry, AggregateView } from '@highland/persistence';
import type { ZoneFact, Facts } from '../domain/facts.js';
import { ledgerId, programmeId } from '../domain/ids.js';
import type { LedgerState } from '../domain/ledger.js';
import {
  type ApplicationState,
  type IncentivesState,
  type ParticipantState,
  type ProgrammeState,
  reduce,
} from '../domain/state.js';
import { RegistryFacts } from './registry-facts.js';
import { ZoneFacts } from './zone-facts.js';

export type Entry = AggregateEntry<IncentivesState>;

/**
 * The incentives service in memory, on every replica: its own aggregates (from INCENTIVES_EVENTS)
 * with the indexes queries need, and its copy of the registry's facts (from REGISTRY_EVENTS).
 */
export class IncentivesView implements Facts {
  readonly aggregates: AggregateView<IncentivesState>;
  readonly registry: RegistryFacts;
  readonly zones: ZoneFacts;
  private readonly appsByProgramme = new Map<string, Set<string>>();
  private readonly appsByParticipant = new Map<string, Set<string>>();
  private readonly programmes = new Set<string>();

  constructor(nats: NatsHandle, topology: Topology) {
    this.registry = new RegistryFacts(nats, topology);
    this.zones = new ZoneFacts(nats, topology);
    this.aggregates = new AggregateView<IncentivesState>(nats, topology, {
      service: 'incentives',
      reducer: reduce,
      onApplied: (id, entry, previous) => {
        const s = entry.state;
        if (s.kind === 'programme') this.programmes.add(id);
        if (s.kind === 'application' && !previous) {
          add(this.appsByProgramme, s.programmeId, id);
          add(this.appsByParticipant, s.participantId, id);
        }
      },
    });
  }

  async start(): Promise<void> {
    await this.registry.start();
    await this.zones.start();
    await this.aggregates.start();
  }

  assertHealthy(): void {
    this.registry.assertHealthy();
    this.zones.assertHealthy();
    this.aggregates.assertHealthy();
  }

  async stop(): Promise<void> {
    await this.aggregates.stop();
    await this.registry.stop();
    await this.zones.stop();
  }

  get(id: string): Entry | undefined {
    return this.aggregates.get(id);
  }

  waitFor(seq: number): Promise<void> {
    return this.aggregates.waitFor(seq);
  }

  programme(slug: string): ProgrammeState | undefined {
    const s = this.get(programmeId(slug))?.state;
    return s?.kind === 'programme' ? s : undefined;
  }

  allProgrammes(): ProgrammeState[] {
    return [...this.programmes].map((id) => this.get(id)!.state as ProgrammeState);
  }

  ledger(slug: string): LedgerState | undefined {
    const s = this.get(ledgerId(slug))?.state;
    return s?.kind === 'ledger' ? s : undefined;
  }

  participant(id: string): ParticipantState | undefined {
    const s = this.get(`part-${id}`)?.state;
    return s?.kind === 'participant' ? s : undefined;
  }

  application(id: string): ApplicationState | undefined {
    const s = this.get(id)?.state;
    return s?.kind === 'application' ? s : undefined;
  }

  applications(filter: { programme?: string; participant?: string } = {}): Array<[string, ApplicationState]> {
    const ids = filter.participant
      ? (this.appsByParticipant.get(filter.participant) ?? new Set<string>())
      : filter.programme
        ? (this.appsByProgramme.get(filter.programme) ?? new Set<string>())
        : new Set([...this.appsByProgramme.values()].flatMap((s) => [...s]));
    const out: Array<[string, ApplicationState]> = [];
    for (const id of ids) {
      const a = this.application(id);
      if (a && (!filter.programme || a.programmeId === filter.programme)) out.push([id, a]);
    }
    return out;
  }

  /** What an applicant holds (reserved + paid) over every programme of a year: the yearly cap's base. */
  committedInYear(applicant: string, year: number, exceptProgramme?: string): number {
    let sum = 0;
    for (const p of this.allProgrammes()) {
      if (p.definition.year !== year || p.definition.id === exceptProgramme) continue;
      sum += this.ledger(p.definition.id)?.byApplicant[applicant] ?? 0;
    }
    return sum;
  }

  // Facts, for eligibility
  registryItem(id: string) {
    return this.registry.get(id);
  }
  standardIdByCode(code: string) {
    return this.registry.standardIdByCode(code);
  }
  filingId(enterprise: string, code: string) {
    return this.registry.filingId(enterprise, code);
  }
  keyProductAdopting(code: string) {
    return this.registry.keyProductAdopting(code);
  }
  zone(ref: string): ZoneFact | undefined {
    return this.zones.get(ref);
  }
}

function add(index: Map<string, Set<string>>, key: string, id: string): void {
  (index.get(key) ?? index.set(key, new Set()).get(key)!).add(id);
}
