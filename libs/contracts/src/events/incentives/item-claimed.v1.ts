import { z } from 'zod';
import { Slug } from './shapes.js';
import { defineEvent } from '../../envelope.js';

export const ItemClaimedV1 = defineEvent({
  service: 'incentives',
  name: 'item-claimed',
  version: 1,
  aggregateType: 'claim',
  description:
    'An item was claimed in a programme for a role by an application: the aggregate (programme, item, role) settles who claimed it first.',
  data: z
    .object({
      programmeId: Slug,
      key: z.string(),
      applicationId: z.string(),
      applicant: z.string(),
    })
    .strict(),
});
