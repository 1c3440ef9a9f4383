import { AlertAcknowledgedV1, Rejection } from '@highland/contracts';
import { z } from 'zod';
import type { TbtCommand } from './command.js';

export const AcknowledgeInput = z
  .object({
    impact: z.enum(['none', 'low', 'medium', 'high']),
    action: z.enum(['comment-via-enquiry-point', 'adapt-product', 'ignore']),
    note: z.string().max(4000).optional(),
    tradeConcernCandidate: z.boolean().default(false),
  })
  .strict();
export type AcknowledgeBody = z.infer<typeof AcknowledgeInput>;

/**
 * The exporter's answer to an alert: impact, intended action, and whether it proposes a trade
 * concern. `exporterId` is the exporter the caller acts for (undefined: the centre or the office,
 * who may acknowledge any alert); another exporter's alert is not found. A proposal, once made,
 * is the office's to decide: it cannot be withdrawn here.
 */
export function acknowledgeAlert(
  id: string,
  exporterId: string | undefined,
  input: AcknowledgeBody,
): TbtCommand {
  const data = { ...input };
  return {
    aggregateId: id,
    name: 'alert acknowledged',
    decide: (current) => {
      const s = current?.state;
      if (!s || s.kind !== 'alert' || (exporterId && s.exporterId !== exporterId))
        throw Rejection.notFound(`no alert ${id}`);
      if (
        s.acknowledgement &&
        JSON.stringify({ ...s.acknowledgement, at: undefined, by: undefined }) === JSON.stringify(data)
      )
        return undefined;
      if (s.acknowledgement?.tradeConcernCandidate && !data.tradeConcernCandidate) {
        throw Rejection.conflict(
          'this alert was already proposed as a trade concern; the office decides on it now',
          [{ field: 'body.tradeConcernCandidate', reason: 'cannot be withdrawn here' }],
        );
      }
      return { contract: AlertAcknowledgedV1, data };
    },
  };
}
