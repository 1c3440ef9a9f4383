import { ScoringSheet, ZoneInspectionScoredV1 } from '@highland/contracts';
import { z } from 'zod';
import type { Authority } from '../domain/authority.js';
import { defaultSheet, scoreInspection } from '../domain/scoring.js';
import { assertMove, assertNotBefore, same, type ZoneCommand, zoneInCharge } from './command.js';
import { PastDate, Reason } from './fields.js';

export const ScoreInspectionInput = z
  .object({
    on: PastDate,
    inspectors: z.array(z.string().trim().min(1).max(200)).min(1).max(30),
    scores: z
      .array(
        z
          .object({
            item: z.string().min(1).max(40),
            inspector: z.string().trim().min(1).max(200),
            grade: z.union([z.literal(1), z.literal(0.5), z.literal(0)]).optional(),
            value: z.number().min(0).max(100).optional(),
            note: z.string().trim().max(2000).optional(),
          })
          .strict(),
      )
      .min(1)
      .max(200),
    /** A sheet of the inspection's own; the default sheet of the zone's kind otherwise. */
    sheet: ScoringSheet.optional(),
    /** Overrides the pass mark of the sheet (percent of the maximum total). */
    passMark: z.number().min(0).max(100).optional(),
    reason: Reason,
  })
  .strict();
export type ScoreInspectionBody = z.infer<typeof ScoreInspectionInput>;

/**
 * An acceptance inspection (or the re-inspection after rectification), scored item by item by
 * named inspectors; totals are computed here. The outcome is decided separately (acceptance).
 */
export function scoreZoneInspection(
  id: string,
  input: ScoreInspectionBody,
  who: Authority,
  defaultPassMark: number,
): ZoneCommand {
  return {
    aggregateId: id,
    name: 'score acceptance inspection',
    reason: input.reason,
    decide: (current) => {
      const zone = zoneInCharge(id, current, who);
      // A wrong moment is told before a wrong sheet; a zone just inspected may be this one again.
      if (zone.state !== 'inspected') {
        assertMove(zone, 'inspected');
        assertNotBefore(zone, input.on, 'body.on');
      }
      const base = input.sheet ?? defaultSheet(zone.kind, defaultPassMark);
      const sheet = input.passMark === undefined ? base : { ...base, passMark: input.passMark };
      const last = zone.inspections.at(-1);
      const scored = scoreInspection(sheet, input.inspectors, input.scores);
      const data = {
        inspection: zone.inspections.length + 1,
        on: input.on,
        inspectors: input.inspectors,
        sheet,
        ...scored,
      };
      // The same inspection posted again: already recorded.
      if (zone.state === 'inspected') {
        if (last && same({ ...last, inspection: data.inspection }, data)) return undefined;
        assertMove(zone, 'inspected');
      }
      return { contract: ZoneInspectionScoredV1, data };
    },
  };
}
