import { z } from 'zod';
import { IsoDate } from '../../common.js';
import { defineEvent } from '../../envelope.js';

export const AlertRaisedV1 = defineEvent({
  service: 'tbt',
  name: 'alert-raised',
  version: 1,
  aggregateType: 'alert',
  description:
    'A notification matched an exporter: each reason names the rule, the profile value and the notification field. "inferred" alerts come from the enterprise\'s registered standards, without a profile match.',
  data: z
    .object({
      exporterId: z.string(),
      enterprise: z.string(),
      threadKey: z.string(),
      documentKey: z.string(),
      symbol: z.string().optional(),
      title: z.string(),
      member: z.string(),
      commentDeadline: IsoDate.optional(),
      inferred: z.boolean(),
      reasons: z.array(
        z
          .object({
            rule: z.string(),
            profileValue: z.string(),
            notificationValue: z.string(),
            field: z.string(),
          })
          .strict(),
      ),
    })
    .strict(),
});
