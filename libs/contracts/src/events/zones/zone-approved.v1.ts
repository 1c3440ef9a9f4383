import { z } from 'zod';
import { ZoneApproval } from './shapes.js';
import { defineEvent } from '../../envelope.js';

export const ZoneApprovedV1 = defineEvent({
  service: 'zones',
  name: 'zone-approved',
  version: 1,
  aggregateType: 'zone',
  description: 'The authority approved the zone: batch, approval document and construction period.',
  data: z
    .object({
      ...ZoneApproval.shape,
    })
    .strict(),
});
