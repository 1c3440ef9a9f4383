import { z } from 'zod';
import { IsoDate } from '../../common.js';
import { defineEvent } from '../../envelope.js';

export const EnterpriseStandardFiledV1 = defineEvent({
  service: 'registry',
  name: 'enterprise-standard-filed',
  version: 1,
  aggregateType: 'filing',
  description:
    'An enterprise filed (self-declared) a product standard. The aggregate is the enterprise + standard code, so a repeated filing is recognised, not counted twice.',
  data: z
    .object({
      enterprise: z.string().min(1),
      product: z.string().min(1),
      standardCode: z.string(),
      filedOn: IsoDate,
      town: z.string().optional(),
    })
    .strict(),
});
