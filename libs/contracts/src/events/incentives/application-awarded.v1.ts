import { z } from 'zod';
import { IsoDate } from '../../common.js';
import { Fen } from './shapes.js';
import { defineEvent } from '../../envelope.js';

export const ApplicationAwardedV1 = defineEvent({
  service: 'incentives',
  name: 'application-awarded',
  version: 1,
  aggregateType: 'application',
  description: 'The office confirmed the award: it appears in the public notice and may be paid.',
  data: z.object({ amountFen: Fen, noticeOn: IsoDate }).strict(),
});
