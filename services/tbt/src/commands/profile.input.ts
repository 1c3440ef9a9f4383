import { z } from 'zod';

export const ExporterId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{1,40}$/, 'lower-case letters, digits and dashes (2-41)');

export const ProfileInput = z
  .object({
    exporterId: ExporterId,
    enterprise: z.string().trim().min(1).max(300),
    hs: z.array(z.string()).max(500).default([]),
    ics: z.array(z.string()).max(500).default([]),
    markets: z.array(z.string()).max(200).default([]),
    keywords: z.array(z.string()).max(500).default([]),
    objectives: z.array(z.string()).max(50).default([]),
    areas: z.array(z.enum(['TBT', 'SPS'])).default([]),
    delivery: z
      .object({
        webhookUrl: z.url({ protocol: /^https?$/ }).optional(),
        /** Shared secret for HMAC-SHA256 signatures; stored apart, never shown again. */
        webhookSecret: z.string().min(16).max(200).optional(),
        digest: z.enum(['none', 'daily', 'weekly']).default('none'),
        email: z.email().optional(),
      })
      .strict()
      .default({ digest: 'none' }),
  })
  .strict();
export type ProfileBody = z.infer<typeof ProfileInput>;

export const AcknowledgeInput = z
  .object({
    impact: z.enum(['none', 'low', 'medium', 'high']),
    action: z.enum(['comment-via-enquiry-point', 'adapt-product', 'ignore']),
    note: z.string().max(4000).optional(),
    tradeConcernCandidate: z.boolean().default(false),
  })
  .strict();
export type AcknowledgeBody = z.infer<typeof AcknowledgeInput>;
