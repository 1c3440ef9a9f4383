import { z } from 'zod';
import { IsoDate } from '../../common.js';
import { defineEvent } from '../../envelope.js';

export const CommitteeSeatEndedV1 = defineEvent({
  service: 'registry',
  name: 'committee-seat-ended',
  version: 1,
  aggregateType: 'committee-seat',
  description: 'A committee seat ended.',
  data: z.object({ committee: z.string(), holder: z.string(), to: IsoDate }).strict(),
});
