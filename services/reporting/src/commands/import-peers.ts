import { PeerFiguresImportedV1, Rejection } from '@highland/contracts';
import { z } from 'zod';
import type { CurrentPlans, ReportingCommand } from './command.js';

export const ImportPeersInput = z
  .object({
    asOf: z.iso.date(),
    peers: z
      .array(
        z
          .object({ district: z.string().trim().min(1).max(100), total: z.number().int().nonnegative() })
          .strict(),
      )
      .min(1)
      .max(100)
      .refine(
        (list) => new Set(list.map((p) => p.district)).size === list.length,
        'a district appears twice',
      ),
    reason: z.string().max(2000).optional(),
  })
  .strict();
export type ImportPeersBody = z.infer<typeof ImportPeersInput>;

/** Peer districts' published totals, for an indicator with a comparative (rank) target. */
export function importPeers(
  planId: string,
  indicatorId: string,
  input: ImportPeersBody,
  plans: CurrentPlans,
): ReportingCommand {
  return {
    aggregateId: `peers-${planId}-${indicatorId}`,
    name: 'import peer districts’ figures',
    reason: input.reason,
    decide: () => {
      const plan = plans().get(planId);
      if (!plan) throw Rejection.notFound(`no plan ${planId}`);
      const indicator = plan.indicators.find((i) => i.id === indicatorId);
      if (!indicator) throw Rejection.notFound(`plan ${planId} has no indicator ${indicatorId}`);
      if (indicator.target.kind !== 'comparative') {
        throw Rejection.conflict(`indicator ${indicatorId} is not comparative: it takes no peer figures`, [
          { field: 'path.indicatorId', reason: `its target is ${indicator.target.kind}` },
        ]);
      }
      return {
        contract: PeerFiguresImportedV1,
        data: { planId, indicatorId, asOf: input.asOf, peers: input.peers },
      };
    },
  };
}
