import { z } from 'zod';
import { IsoDate } from '../../common.js';
import { ZoneApproval, ZoneProfile } from './shapes.js';
import { defineEvent } from '../../envelope.js';

export const ZoneRegisteredV1 = defineEvent({
  service: 'zones',
  name: 'zone-registered',
  version: 1,
  aggregateType: 'zone',
  description:
    'A zone that already existed before Highland was recorded at the stage it had reached (an import).',
  data: z
    .object({
      ...ZoneProfile.shape,
      stage: z.enum(['approved', 'under-construction', 'passed']),
      approval: ZoneApproval,
      constructionStartedOn: IsoDate.optional(),
      passedOn: IsoDate.optional(),
    })
    .strict(),
});
