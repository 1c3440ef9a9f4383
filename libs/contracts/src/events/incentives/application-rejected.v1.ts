import { z } from 'zod';

import { defineEvent } from '../../envelope.js';

export const ApplicationRejectedV1 = defineEvent({
  service: 'incentives',
  name: 'application-rejected',
  version: 1,
  aggregateType: 'application',
  description: 'The office rejected the application.',
  data: z.object({ reason: z.string().min(1).max(2000) }).strict(),
});
