import { z } from 'zod';

import { defineEvent } from '../../envelope.js';

export const ApplicationAppealedV1 = defineEvent({
  service: 'incentives',
  name: 'application-appealed',
  version: 1,
  aggregateType: 'application',
  description: 'The applicant appealed a rejection (once).',
  data: z.object({ grounds: z.string().min(1).max(4000) }).strict(),
});
