import { z } from 'zod';
import { defineEvent } from '../../envelope.js';

export const PeerFiguresImportedV1 = defineEvent({
  service: 'reporting',
  name: 'peer-figures-imported',
  version: 1,
  aggregateType: 'peer-figures',
  description: "Peer districts' published totals, the input of a comparative (rank) target.",
  data: z
    .object({
      planId: z.string(),
      indicatorId: z.string(),
      asOf: z.iso.date(),
      peers: z
        .array(z.object({ district: z.string().min(1), total: z.number().int().nonnegative() }).strict())
        .min(1),
    })
    .strict(),
});
