import { z } from 'zod';
import { defineRequest } from '../../requests.js';

export const EnterpriseIcsV1 = defineRequest({
  service: 'registry',
  name: 'enterprise-ics',
  version: 1,
  description:
    'ICS codes of the standards each enterprise leads or takes part in (TBT matches notifications to them).',
  request: z.object({}).strict(),
  reply: z.record(z.string(), z.array(z.string())),
});
