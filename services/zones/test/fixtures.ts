import { type Actor, type EventEnvelope, Rejection } from '@highland/contracts';
import type { AggregateEntry, Command } from '@highland/persistence';
import type { Authority } from '../src/domain/authority.js';
import { reduce, type ZoneState } from '../src/domain/state.js';

/** The Gulou loquat zone as the agriculture department proposes it (shared by tests). */
export const loquatZone = {
  name: 'Gulou loquat standardization demonstration zone',
  kind: 'agricultural',
  levelSought: 'national',
  productLine: 'loquat',
  town: 'Gulou',
  location: { lat: 29.3, lon: 105.9 },
  areaMu: 15000,
  undertaking: { name: 'Gulou Loquat Cooperative', kind: 'cooperative' },
  partners: [{ name: 'Caojie Agricultural Park', kind: 'park' }],
  project: 2,
  proposedOn: '2021-01-10',
};

export const agriculture: Authority = { department: 'agriculture', office: false };
export const commerce: Authority = { department: 'commerce', office: false };
export const office: Authority = { department: 'office', office: true };
const actor: Actor = { department: 'agriculture', user: 'li.wei' };

/**
 * Runs commands one after another against an in-memory zone, as the write path does: each
 * decision's event is folded by the reducer. Returns the entry, and the decisions made.
 */
export class ZoneHarness {
  entry: AggregateEntry<ZoneState> | undefined;
  readonly types: string[] = [];

  run(cmd: Command<ZoneState>) {
    const decision = cmd.decide(this.entry);
    if (!decision) return undefined;
    const version = (this.entry?.version ?? 0) + 1;
    const e = {
      type: decision.contract.type,
      data: decision.contract.data.parse(decision.data),
      actor,
      occurredAt: `2024-06-0${Math.min(version, 9)}T00:00:00Z`,
      aggregate: { type: 'zone', id: cmd.aggregateId, seq: version },
    } as EventEnvelope;
    this.entry = { state: reduce(this.entry?.state, e), version, streamSeq: version };
    this.types.push(e.type);
    return decision;
  }

  get zone(): ZoneState {
    return this.entry!.state;
  }
}

/** The Rejection a call throws (fails the test when it throws nothing, or something else). */
export function refused(f: () => unknown): Rejection {
  try {
    f();
  } catch (e) {
    if (e instanceof Rejection) return e;
    throw e;
  }
  throw new Error('not refused');
}
