import { z } from 'zod';

import { defineEvent } from '../../envelope.js';

export const ApplicationSubmittedV1 = defineEvent({
  service: 'incentives',
  name: 'application-submitted',
  version: 1,
  aggregateType: 'application',
  description: 'The applicant submitted the application; its items are claimed in the programme.',
  data: z.object({ claims: z.array(z.string()) }).strict(),
});
