import { z } from 'zod';
import { IsoDate } from '../../common.js';
import { defineEvent } from '../../envelope.js';

export const EnterpriseCertifiedV1 = defineEvent({
  service: 'registry',
  name: 'enterprise-certified',
  version: 1,
  aggregateType: 'certification',
  description: 'An enterprise was certified a standardization good-behaviour enterprise.',
  data: z
    .object({
      enterprise: z.string().min(1),
      level: z.enum(['AAA', 'AA', 'A']),
      authorityLevel: z.enum(['municipal', 'provincial', 'national']),
      authority: z.string().optional(),
      certifiedOn: IsoDate,
      town: z.string().optional(),
    })
    .strict(),
});
