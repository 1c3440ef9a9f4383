import { type EventData, StandardRegisteredV1, StandardStageChangedV1 } from '@highland/contracts';
import { ensureStream, type NatsHandle, StreamFollower, type Topology } from '@highland/messaging';
import type { KnownStandard } from '../commands/apply-standards.js';
import { standardKey } from '../domain/standard-code.js';

/**
 * The zones service's own copy of the registry's standards (code, title, stage), kept current by
 * following REGISTRY_EVENTS on every replica — only the two standard events: checking a zone's
 * standards never calls the registry, and a registry that is down changes nothing here.
 */
export class RegistryFacts {
  private readonly byAggregate = new Map<string, KnownStandard>();
  private readonly byKey = new Map<string, KnownStandard>();
  private readonly follower: StreamFollower;

  constructor(
    private readonly nats: NatsHandle,
    private readonly topology: Topology,
  ) {
    this.follower = new StreamFollower(nats, {
      stream: topology.eventStream('registry').name,
      filterSubjects: [
        topology.eventFilter(StandardRegisteredV1),
        topology.eventFilter(StandardStageChangedV1),
      ],
      onEvent: (decoded) => {
        if (!decoded.ok) return; // the registry's log: a message failing its contract is skipped
        const e = decoded.event;
        if (e.type === StandardRegisteredV1.type) {
          const d = e.data as EventData<typeof StandardRegisteredV1>;
          const fact = { code: d.code, title: d.title.zh, stage: d.stage };
          this.byAggregate.set(e.aggregate.id, fact);
          this.byKey.set(standardKey(d.code), fact);
        } else {
          const fact = this.byAggregate.get(e.aggregate.id);
          if (fact) fact.stage = (e.data as EventData<typeof StandardStageChangedV1>).to;
        }
      },
    });
  }

  async start(): Promise<void> {
    // The registry may not have run yet on this platform (zones started first, or alone): its
    // stream is created as the registry itself would (idempotent), and followed from empty.
    await ensureStream(this.nats.jsm, this.topology.eventStream('registry'));
    await this.follower.start();
    await this.follower.whenCaughtUp();
  }

  stop(): Promise<void> {
    return this.follower.stop();
  }

  assertHealthy(): void {
    this.follower.assertHealthy();
  }

  /** The standard of this code, however it was typed (spacing, width, case, dashes). */
  lookup(code: string): KnownStandard | undefined {
    return this.byKey.get(standardKey(code));
  }

  get size(): number {
    return this.byKey.size;
  }
}
