import { z } from 'zod';

import { defineEvent } from '../../envelope.js';

export const ApplicationWithdrawnV1 = defineEvent({
  service: 'incentives',
  name: 'application-withdrawn',
  version: 1,
  aggregateType: 'application',
  description: 'The applicant withdrew the application; its claims and any reserved budget are released.',
  data: z.object({ from: z.string() }).strict(),
});
