/** Rank among peer districts for comparative targets. */
import { instantOf } from './calendar.js';
import type { FactsByKind } from './facts.js';

export interface PeerFigure {
  readonly district: string;
  readonly total: number;
  /** The date the district's published total is as of (imported figures). */
  readonly asOf?: string;
}

export interface RankedPeer extends PeerFigure {
  readonly rank: number;
}

/**
 * Competition ranking ("1224"): 1 is the highest total, ties share a rank, and the next rank skips.
 * `peers` are the other districts of the group; the district's own total is ranked among them.
 */
export function competitionRank(
  own: number,
  peers: readonly PeerFigure[],
): { rank: number; groupSize: number; ranked: RankedPeer[] } {
  const totals = [own, ...peers.map((p) => p.total)];
  const rankOf = (total: number): number => 1 + totals.filter((t) => t > total).length;
  const ranked = peers
    .map((p) => ({
      district: p.district,
      total: p.total,
      ...(p.asOf === undefined ? {} : { asOf: p.asOf }),
      rank: rankOf(p.total),
    }))
    .sort((a, b) => a.rank - b.rank || (a.district < b.district ? -1 : 1));
  return { rank: rankOf(own), groupSize: totals.length, ranked };
}

/**
 * Peer figures: given explicitly, or else the latest imported 'peer-standards-total' fact per peer
 * district up to asOf (facts naming another plan or indicator are ignored).
 */
export function resolvePeers(
  given: readonly PeerFigure[] | undefined,
  facts: FactsByKind,
  planId: string,
  indicatorId: string,
  asOfMs: number,
): PeerFigure[] {
  if (given && given.length > 0) return [...given];
  const latest = new Map<string, { ms: number; id: string; total: number; asOf: string }>();
  for (const fact of facts.ofKind('peer-standards-total')) {
    const { peerDistrict, total, planId: p, indicatorId: i } = fact.attributes;
    if (fact.retracted || typeof peerDistrict !== 'string' || typeof total !== 'number') continue;
    if ((p !== undefined && p !== planId) || (i !== undefined && i !== indicatorId)) continue;
    const ms = instantOf(fact.occurredAt);
    if (!(ms <= asOfMs)) continue;
    const prev = latest.get(peerDistrict);
    // Ties on the date fall to the larger id, so the result does not depend on iteration order.
    if (!prev || ms > prev.ms || (ms === prev.ms && fact.id > prev.id)) {
      latest.set(peerDistrict, { ms, id: fact.id, total, asOf: fact.occurredAt });
    }
  }
  return [...latest].map(([district, { total, asOf }]) => ({ district, total, asOf }));
}
