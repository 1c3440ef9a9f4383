import { type EventContract, type EventProducer, eventProducers, POSITION_TAG } from '@highland/contracts';
import { OWN_SERVICE } from './own-aggregates.js';

/**
 * A stream reporting follows: a service publishing events, with the contracts to read them by when
 * they are not in the catalogue (a test's own service).
 */
export interface FollowedService extends EventProducer {
  readonly contracts?: readonly EventContract[];
}

/** Per followed service (by name), the stream sequence applied last. */
export type Position = Record<string, number>;

const PART = /^([a-z]+)(\d+)$/;

/**
 * Names of points in the event history (SSE event ids): the `.`-joined `<tag><sequence>` of every
 * followed service in order, e.g. `r12.p3.t4`. A name written before a service was followed lacks
 * its tag, which reads as 0 (`r12.p3`, from before TBT, is `r12.p3.t0`). Reporting's own stream was
 * followed from the start, so every name has its tag. Anything else (an unknown or repeated tag,
 * tags out of order, other text) names no position.
 */
export class PositionFormat {
  readonly services: readonly string[];
  private readonly tags: readonly string[];
  private readonly indexByTag = new Map<string, number>();

  constructor(
    followed: readonly EventProducer[],
    private readonly own = OWN_SERVICE,
  ) {
    this.services = followed.map((s) => s.name);
    this.tags = followed.map((s) => s.positionTag);
    for (const [i, tag] of this.tags.entries()) {
      if (!POSITION_TAG.test(tag)) throw new Error(`position tag "${tag}" must match ${POSITION_TAG.source}`);
      if (this.indexByTag.has(tag)) throw new Error(`position tag "${tag}" is declared twice`);
      this.indexByTag.set(tag, i);
    }
  }

  start(): Position {
    const position: Position = {};
    for (const s of this.services) position[s] = 0;
    return position;
  }

  format(position: Position): string {
    return this.services.map((s, i) => `${this.tags[i]}${position[s] ?? 0}`).join('.');
  }

  parse(text: string): Position | undefined {
    const position = this.start();
    let next = 0;
    let namesOwn = !this.services.includes(this.own);
    for (const part of text.split('.')) {
      const m = PART.exec(part);
      const i = m ? this.indexByTag.get(m[1]!) : undefined;
      if (i === undefined || i < next) return undefined;
      const seq = Number(m![2]);
      if (!Number.isSafeInteger(seq)) return undefined;
      const service = this.services[i]!;
      position[service] = seq;
      if (service === this.own) namesOwn = true;
      next = i + 1;
    }
    return namesOwn ? position : undefined;
  }
}

/** The producing services of the contracts, as reporting follows them unless told otherwise. */
export const defaultPositions = new PositionFormat(eventProducers);
export const formatPosition = (position: Position): string => defaultPositions.format(position);
export const parsePosition = (text: string): Position | undefined => defaultPositions.parse(text);
