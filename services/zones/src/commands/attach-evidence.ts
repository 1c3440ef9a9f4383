import { Rejection, ZoneEvidenceAttachedV1 } from '@highland/contracts';
import { z } from 'zod';
import type { Authority } from '../domain/authority.js';
import { type ZoneCommand, zoneInCharge } from './command.js';

/** What an upload says of itself, in the query string (the body is the file). */
export const EvidenceQuery = z
  .object({
    name: z.string().trim().min(1).max(255),
    attachedTo: z.enum(['zone', 'inspection', 'milestone']).default('zone'),
    inspection: z.coerce.number().int().positive().optional(),
    milestone: z.string().trim().min(1).max(100).optional(),
  })
  .strict()
  .superRefine((q, ctx) => {
    if (q.attachedTo === 'inspection' && q.inspection === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['inspection'],
        message: "required when attachedTo is 'inspection'",
      });
    if (q.attachedTo === 'milestone' && !q.milestone)
      ctx.addIssue({
        code: 'custom',
        path: ['milestone'],
        message: "required when attachedTo is 'milestone'",
      });
  });
export type EvidenceParams = z.infer<typeof EvidenceQuery>;

/** The file as stored: what the event records of it. */
export interface StoredFile {
  evidenceId: string;
  object: string;
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
}

/** The zone exists, is the caller's, and the inspection named (if any) took place. */
export function checkEvidenceTarget(
  id: string,
  current: Parameters<typeof zoneInCharge>[1],
  who: Authority,
  q: EvidenceParams,
) {
  const zone = zoneInCharge(id, current, who);
  if (q.inspection !== undefined && q.inspection > zone.inspections.length)
    throw Rejection.unprocessable(`zone "${zone.name}" has had ${zone.inspections.length} inspection(s)`, [
      { field: 'query.inspection', reason: `no inspection ${q.inspection}` },
    ]);
  return zone;
}

/** Records a file already in the evidence store against the zone. */
export function attachEvidence(id: string, q: EvidenceParams, file: StoredFile, who: Authority): ZoneCommand {
  return {
    aggregateId: id,
    name: 'attach evidence',
    decide: (current) => {
      checkEvidenceTarget(id, current, who, q);
      return {
        contract: ZoneEvidenceAttachedV1,
        data: {
          ...file,
          attachedTo: q.attachedTo,
          ...(q.inspection !== undefined ? { inspection: q.inspection } : {}),
          ...(q.milestone ? { milestone: q.milestone } : {}),
        },
      };
    },
  };
}
