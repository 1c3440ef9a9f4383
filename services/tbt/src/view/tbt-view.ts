import type { NatsHandle, Topology } from '@highland/messaging';
import { type AggregateEntry, AggregateView } from '@highland/persistence';
import {
  type AlertState,
  type ProfileState,
  reduce,
  type TbtState,
  type ThreadState,
} from '../aggregates/state.js';
import { contentHash } from '../domain/identity.js';
import { ProfileIndex } from '../domain/matching/index.js';
import type { NotificationDraft } from '../domain/notification.js';

export type Entry = AggregateEntry<TbtState>;

/**
 * TBT in memory on every replica: threads, profiles (with the match index), alerts by exporter.
 * Matching 100,000 profiles against a notification reads only this.
 */
export class TbtView {
  readonly aggregates: AggregateView<TbtState>;
  readonly index = new ProfileIndex([]);
  private readonly alertsByExporter = new Map<string, Set<string>>();
  private readonly threads = new Set<string>();
  /** Thread of every document recorded, by document key. */
  private readonly threadOfDocument = new Map<string, string>();
  /** Document keys recorded before their symbol was known, and the key that superseded each. */
  private readonly supersededBy = new Map<string, string>();
  private readonly profileIds = new Set<string>();
  private readonly alertListeners = new Set<(id: string, alert: AlertState, seq: number) => void>();
  /** Stream sequence at which each alert was raised: the SSE event id, so a client can resume. */
  private readonly raisedAt = new Map<string, number>();

  constructor(nats: NatsHandle, topology: Topology) {
    this.aggregates = new AggregateView<TbtState>(nats, topology, {
      service: 'tbt',
      reducer: reduce,
      onApplied: (id, entry, previous) => this.track(id, entry, previous),
    });
  }

  private track(id: string, entry: Entry, previous: Entry | undefined): void {
    const s = entry.state;
    if (s.kind === 'profile') {
      this.profileIds.add(s.exporterId);
      this.index.add({
        id: s.exporterId,
        enterpriseId: s.enterprise,
        hs: s.hs,
        ics: s.ics,
        markets: s.markets,
        keywords: s.keywords,
        objectives: s.objectives,
        areas: s.areas,
      });
    } else if (s.kind === 'alert') {
      (
        this.alertsByExporter.get(s.exporterId) ??
        this.alertsByExporter.set(s.exporterId, new Set()).get(s.exporterId)!
      ).add(id);
      if (!previous) {
        this.raisedAt.set(id, entry.streamSeq);
        for (const l of this.alertListeners) l(id, s, entry.streamSeq);
      }
    } else if (s.kind === 'thread') {
      this.threads.add(id);
      const doc = s.documents.at(-1);
      if (doc) {
        this.threadOfDocument.set(doc.documentKey, id);
        if (doc.supersedes) this.supersededBy.set(doc.supersedes, doc.documentKey);
      }
    }
  }

  async start(): Promise<void> {
    await this.aggregates.start();
    // Caught up: profiles came one by one from the stream; fold them all into the compact postings.
    this.index.compact();
  }

  /** Throws while the view replays, or when its stream follower failed or lost NATS (readiness). */
  assertHealthy(): void {
    this.aggregates.assertHealthy();
  }

  stop(): Promise<void> {
    return this.aggregates.stop();
  }

  get(id: string): Entry | undefined {
    return this.aggregates.get(id);
  }

  profile(exporterId: string): ProfileState | undefined {
    const s = this.get(`exp-${exporterId}`)?.state;
    return s?.kind === 'profile' ? s : undefined;
  }

  alertsOf(exporterId: string): Array<{ id: string } & AlertState> {
    return [...(this.alertsByExporter.get(exporterId) ?? [])].map((id) => ({
      id,
      ...(this.get(id)!.state as AlertState),
    }));
  }

  allAlerts(): Array<{ id: string } & AlertState> {
    return [...this.alertsByExporter.values()].flatMap((ids) =>
      [...ids].map((id) => ({ id, ...(this.get(id)!.state as AlertState) })),
    );
  }

  profiles(): ProfileState[] {
    return [...this.profileIds].map((id) => this.profile(id)).filter((p): p is ProfileState => !!p);
  }

  /** Threads, without those whose every document was recorded again under its symbol. */
  threadList(): Array<{ id: string } & ThreadState> {
    return [...this.threads]
      .map((id) => ({ id, ...(this.get(id)!.state as ThreadState) }))
      .filter((t) => !t.documents.every((d) => this.supersededBy.has(d.documentKey)));
  }

  /**
   * The content-hash key under which a document now known by its symbol was recorded earlier
   * (an ePing export read before its symbol column could be), if that record is still current.
   */
  supersededRecord(draft: NotificationDraft): string | undefined {
    if (draft.identity.source !== 'symbol' && draft.identity.source !== 'link-symbol') return undefined;
    const earlier = contentHash(draft);
    return this.threadOfDocument.has(earlier) && !this.supersededBy.has(earlier) ? earlier : undefined;
  }

  /** The document key that superseded `documentKey`, if any. */
  supersedingKey(documentKey: string): string | undefined {
    return this.supersededBy.get(documentKey);
  }

  /** An exporter's alerts raised after stream sequence `seq`, oldest first (SSE resume). */
  alertsSince(exporterId: string, seq: number): Array<{ id: string; seq: number; alert: AlertState }> {
    return [...(this.alertsByExporter.get(exporterId) ?? [])]
      .map((id) => ({ id, seq: this.raisedAt.get(id) ?? 0, alert: this.get(id)!.state as AlertState }))
      .filter((a) => a.seq > seq)
      .sort((a, b) => a.seq - b.seq);
  }

  onAlert(listener: (id: string, alert: AlertState, seq: number) => void): () => void {
    this.alertListeners.add(listener);
    return () => this.alertListeners.delete(listener);
  }
}
