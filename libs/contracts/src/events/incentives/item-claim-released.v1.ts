import { z } from 'zod';

import { defineEvent } from '../../envelope.js';

export const ItemClaimReleasedV1 = defineEvent({
  service: 'incentives',
  name: 'item-claim-released',
  version: 1,
  aggregateType: 'claim',
  description: 'The claim was released (the application was withdrawn).',
  data: z.object({ applicationId: z.string() }).strict(),
});
