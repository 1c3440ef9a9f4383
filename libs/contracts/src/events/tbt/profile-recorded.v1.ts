import { z } from 'zod';
import { defineEvent } from '../../envelope.js';

export const ExporterProfileRecordedV1 = defineEvent({
  service: 'tbt',
  name: 'exporter-profile-recorded',
  version: 1,
  aggregateType: 'exporter-profile',
  description:
    "An exporter's profile: products (HS/ICS), target markets, keywords, objectives and delivery settings. The webhook secret is never in an event: only whether one is set.",
  data: z
    .object({
      exporterId: z.string(),
      enterprise: z.string(),
      hs: z.array(z.string()),
      ics: z.array(z.string()),
      markets: z.array(z.string()),
      keywords: z.array(z.string()),
      objectives: z.array(z.string()),
      areas: z.array(z.enum(['TBT', 'SPS'])),
      delivery: z
        .object({
          webhookUrl: z.url().optional(),
          hasSecret: z.boolean(),
          digest: z.enum(['none', 'daily', 'weekly']),
          email: z.email().optional(),
        })
        .strict(),
    })
    .strict(),
});
