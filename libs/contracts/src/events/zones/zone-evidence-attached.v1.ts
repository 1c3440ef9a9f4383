import { z } from 'zod';
import { defineEvent } from '../../envelope.js';

export const ZoneEvidenceAttachedV1 = defineEvent({
  service: 'zones',
  name: 'zone-evidence-attached',
  version: 1,
  aggregateType: 'zone',
  description:
    'A file (document, photo, PDF) was attached to the zone, one of its inspections or a milestone; its bytes are in the zones evidence object store under `object`.',
  data: z
    .object({
      evidenceId: z.uuid(),
      object: z.string().describe('name of the object in the evidence store'),
      fileName: z.string().min(1).max(255),
      contentType: z.string(),
      size: z.number().int().positive(),
      sha256: z.string().regex(/^[0-9a-f]{64}$/),
      attachedTo: z.enum(['zone', 'inspection', 'milestone']),
      inspection: z.number().int().positive().optional(),
      milestone: z.string().max(100).optional(),
    })
    .strict(),
});
