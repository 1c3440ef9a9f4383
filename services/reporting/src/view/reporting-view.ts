import { ensureStream, type NatsHandle, StreamFollower, type Topology } from '@highland/messaging';
import type { IndicatorAttainment } from '../domain/attainment.js';
import { canonicalJson } from '../domain/fact-store.js';
import { eventProducers } from '@highland/contracts';
import { OWN_SERVICE, OwnAggregates } from './own-aggregates.js';
import { type FollowedService, type Position, PositionFormat } from './position.js';
import { ReportingState } from './reporting-state.js';

export interface ProgressChange {
  /** Position in the event history after which this change holds (SSE event id). */
  position: string;
  planId: string;
  indicatorId: string;
  attainment: IndicatorAttainment;
}

export type Clock = () => Date;

const RECOMPUTE_DELAY_MS = 25;
const HISTORY = 5_000;

/**
 * What tells two attainments of an indicator apart: everything but the item lists (read on demand,
 * O(n)), which differ exactly when the tally's version does.
 */
function changeKey(attainment: IndicatorAttainment, version: number | undefined): string {
  const shown: Record<string, unknown> = {};
  for (const k of Object.keys(attainment) as Array<keyof IndicatorAttainment>)
    if (k !== 'items' && k !== 'numeratorItems') shown[k] = attainment[k];
  return `${version ?? '-'} ${canonicalJson(shown)}`;
}

/**
 * The reporting view on one replica: follows the stream of every service that publishes events
 * (the contracts' producers, unless told otherwise) from the start, keeps facts and plans in memory, re-evaluates the plans shortly after changes and tells
 * listeners (SSE clients, the NATS progress publisher) which indicators moved.
 */
export class ReportingView {
  readonly positions: PositionFormat;
  state: ReportingState;
  /** Reporting's own aggregates, from its own stream: what its commands decide against. */
  readonly own: OwnAggregates;
  private readonly ownIndex: number;
  private followers: StreamFollower[] = [];
  private latest = new Map<string, IndicatorAttainment>();
  private latestJson = new Map<string, string>();
  private readonly recent: ProgressChange[] = [];
  /** The kept history is complete from this position on (older changes were dropped or predate it). */
  private historyFrom: Position;
  private readonly listeners = new Set<(changes: ProgressChange[]) => void>();
  private timer?: NodeJS.Timeout;
  private ticker?: NodeJS.Timeout;

  constructor(
    private readonly nats: NatsHandle,
    private readonly topology: Topology,
    readonly clock: Clock = () => new Date(),
    private readonly followed: readonly FollowedService[] = eventProducers,
  ) {
    this.positions = new PositionFormat(followed);
    this.state = new ReportingState(this.positions);
    this.historyFrom = this.positions.start();
    this.ownIndex = followed.findIndex((s) => s.name === OWN_SERVICE);
    if (this.ownIndex < 0) throw new Error(`reporting follows its own stream "${OWN_SERVICE}" too`);
    this.own = new OwnAggregates((seq, timeoutMs) => {
      const follower = this.followers[this.ownIndex];
      if (!follower) throw new Error('view not started');
      return follower.waitFor(seq, timeoutMs);
    });
  }

  async start(): Promise<void> {
    for (const s of this.followed) await ensureStream(this.nats.jsm, this.topology.eventStream(s.name));
    const { state, followers } = await this.build();
    this.state = state;
    this.followers = followers;
    this.recompute(false);
    // Statuses depend on the share of the period elapsed, so time alone can move them.
    this.ticker = setInterval(() => this.recompute(true), 60_000);
    this.ticker.unref();
  }

  /** Builds a fresh state from the start of the streams and keeps following them. */
  private async build(): Promise<{ state: ReportingState; followers: StreamFollower[] }> {
    const state = new ReportingState(this.positions);
    const followers = this.followed.map(
      ({ name, contracts }) =>
        new StreamFollower(this.nats, {
          stream: this.topology.eventStream(name).name,
          filterSubjects: [this.topology.serviceEvents(name)],
          contracts,
          traceAs: `reporting-view-${name}`,
          onEvent: (decoded, seq) => {
            if (!decoded.ok) return;
            if (name === OWN_SERVICE) this.own.apply(decoded.event, seq);
            if (state.apply(name, decoded.event, seq) && state === this.state) this.schedule();
          },
        }),
    );
    for (const f of followers) await f.start();
    await Promise.all(followers.map((f) => f.whenCaughtUp()));
    return { state, followers };
  }

  /**
   * Rebuilds every view from the start of the streams, then switches over in one step; the old
   * followers stop only after the switch, so readers never see a half-built view.
   */
  async rebuild(): Promise<ReportingState> {
    const { state, followers } = await this.build();
    const old = this.followers;
    this.state = state;
    this.followers = followers;
    // Positions are the same on a rebuilt view, so kept history stays valid; a client resumes as before.
    await Promise.all(old.map((f) => f.stop()));
    this.recompute(true);
    return state;
  }

  async stop(): Promise<void> {
    clearTimeout(this.timer);
    clearInterval(this.ticker);
    await Promise.all(this.followers.map((f) => f.stop()));
  }

  /**
   * Throws while reads would be wrong: not started, replaying at start, a follower stopped by a
   * failing event, or NATS lost (readiness). A rebuild keeps serving the old, live state.
   */
  assertHealthy(): void {
    if (this.followers.length === 0) throw new Error('not started');
    for (const [i, f] of this.followers.entries()) {
      try {
        f.assertHealthy();
      } catch (err) {
        throw new Error(`${this.followed[i]!.name} stream: ${(err as Error).message}`, { cause: err });
      }
    }
  }

  /** Resolves once every followed stream is applied up to their current ends (tests, read-your-writes). */
  async catchUp(): Promise<void> {
    for (const [i, s] of this.followed.entries()) {
      const info = await this.nats.jsm.streams.info(this.topology.eventStream(s.name).name);
      if (info.state.last_seq > 0) await this.followers[i]!.waitFor(info.state.last_seq);
    }
    clearTimeout(this.timer);
    this.timer = undefined;
    this.recompute(true);
  }

  private schedule(): void {
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      this.recompute(true);
    }, RECOMPUTE_DELAY_MS);
  }

  private recompute(notify: boolean): void {
    const asOf = this.clock();
    const position = this.state.positionName;
    const changes: ProgressChange[] = [];
    for (const plan of this.state.plans.values()) {
      for (const attainment of this.state.evaluate(plan.id, asOf) ?? []) {
        const key = `${plan.id}/${attainment.indicatorId}`;
        const json = changeKey(attainment, this.state.tally(plan.id, attainment.indicatorId)?.version);
        if (this.latestJson.get(key) === json) continue;
        this.latestJson.set(key, json);
        this.latest.set(key, attainment);
        changes.push({ position, planId: plan.id, indicatorId: attainment.indicatorId, attainment });
      }
    }
    if (!changes.length) return;
    this.recent.push(...changes);
    if (this.recent.length > HISTORY) {
      const dropped = this.recent.splice(0, this.recent.length - HISTORY);
      this.historyFrom = this.positions.parse(dropped.at(-1)!.position)!;
    }
    if (notify) for (const l of this.listeners) l(changes);
  }

  onChange(listener: (changes: ProgressChange[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get position(): string {
    return this.state.positionName;
  }

  /** Current attainment of every indicator of a plan (or of all plans). */
  snapshot(planId?: string): IndicatorAttainment[] {
    return [...this.latest.values()].filter((a) => !planId || a.planId === planId);
  }

  attainment(planId: string, indicatorId: string): IndicatorAttainment | undefined {
    return this.latest.get(`${planId}/${indicatorId}`);
  }

  /**
   * Changes after a position a client has seen (SSE resume); undefined when that position is
   * older than the kept history, so the client needs a fresh snapshot instead.
   */
  changesSince(position: string): ProgressChange[] | undefined {
    const seen = this.positions.parse(position);
    const now = this.state.position;
    const services = this.positions.services;
    if (!seen || services.some((s) => seen[s]! > now[s]! || seen[s]! < this.historyFrom[s]!))
      return undefined;
    const seenName = this.positions.format(seen);
    return this.recent.filter((c) => {
      const p = this.positions.parse(c.position)!;
      return services.every((s) => p[s]! >= seen[s]!) && c.position !== seenName;
    });
  }
}
