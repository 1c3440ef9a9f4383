import { z } from 'zod';
import { IsoDate } from '../../common.js';
import { defineEvent } from '../../envelope.js';

export const NotificationRecordedV1 = defineEvent({
  service: 'tbt',
  name: 'notification-recorded',
  version: 1,
  aggregateType: 'notification-thread',
  description:
    'A WTO TBT/SPS notification document (base, addendum, corrigendum or revision) joined its thread. The thread is the aggregate; its deadline and status follow its latest document.',
  data: z
    .object({
      threadKey: z.string(),
      symbol: z.string().optional().describe('G/TBT/N/<member>/<n>[/Add.k…]; empty in real ePing exports'),
      documentKey: z.string().describe('identity of this document, derived when the symbol is empty'),
      documentKind: z.enum(['base', 'Add', 'Corr', 'Rev']),
      area: z.enum(['TBT', 'SPS']),
      member: z.string(),
      distributedOn: IsoDate.optional(),
      title: z.string(),
      description: z.string().optional(),
      products: z.string().optional(),
      hsCodes: z.array(z.string()),
      icsCodes: z.array(z.string()),
      objectives: z.array(z.string()),
      keywords: z.array(z.string()),
      regions: z.array(z.string()),
      commentDeadline: IsoDate.optional(),
      threadStatus: z.enum(['open', 'adopted', 'in-force', 'withdrawn']),
      documentLinks: z.array(z.string()),
      source: z.enum(['eping-csv', 'eping-xlsx', 'eping-api', 'manual']),
    })
    .strict(),
});
