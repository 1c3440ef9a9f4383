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
      supersedes: z
        .string()
        .optional()
        .describe(
          'the documentKey (content hash) under which this same document was recorded before its symbol was known; that record is superseded by this one',
        ),
      kind: z.enum(['regular', 'emergency', 'addendum', 'corrigendum', 'revision']),
      emergency: z.boolean(),
      area: z.enum(['TBT', 'SPS']),
      member: z.string(),
      distributedOn: IsoDate,
      title: z.string(),
      description: z.string(),
      products: z.string(),
      hsCodes: z.array(z.string()),
      icsCodes: z.array(z.string()),
      objectives: z.array(z.string()),
      keywords: z.array(z.string()),
      regions: z.array(z.string()),
      commentDeadline: IsoDate.optional().describe("this document's own final date for comments"),
      proposedAdoption: IsoDate.optional(),
      proposedEntryIntoForce: IsoDate.optional(),
      referencedSymbols: z.array(z.string()),
      threadDeadline: IsoDate.optional().describe("the thread's deadline after this document"),
      threadStatus: z.enum(['notified', 'adopted', 'in-force', 'withdrawn']),
      documentLinks: z.array(z.string()),
      source: z.enum(['eping-csv', 'eping-xlsx', 'eping-api', 'manual']),
    })
    .strict(),
});
