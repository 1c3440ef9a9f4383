import { Rejection, type EventData, ExporterProfileRecordedV1 } from '@highland/contracts';
import { z } from 'zod';
import { profileId } from '../aggregates/ids.js';
import { parseExporterProfile } from '../domain/profile.js';
import type { TbtCommand } from './command.js';

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

export interface RecordProfileOptions {
  hasSecret: boolean;
  /** Why a webhook may not be sent to this URL (SSRF: see `adapters/webhook-target.ts`); undefined when it may. */
  refuseWebhookUrl: (url: string) => string | undefined;
}

/**
 * Creates or replaces an exporter's profile. Its codes, markets and keywords are checked against
 * HS 2022, the ICS and the WTO members, its webhook URL against the office's target policy (a
 * refusal names the field); the event says only whether a webhook secret is set (`hasSecret`),
 * never the secret. The same profile again changes nothing.
 */
export function recordProfile(input: ProfileBody, opts: RecordProfileOptions): TbtCommand {
  const webhookUrl = input.delivery.webhookUrl;
  const refusedUrl = webhookUrl === undefined ? undefined : opts.refuseWebhookUrl(webhookUrl);
  if (refusedUrl !== undefined) {
    throw Rejection.invalid('the webhook URL is not allowed', [
      { field: 'body.delivery.webhookUrl', reason: refusedUrl },
    ]);
  }
  const checked = parseExporterProfile({ id: input.exporterId, enterpriseId: input.enterprise, ...input });
  if (!checked.ok) {
    throw Rejection.invalid('the profile is invalid', [
      {
        field: `body.${(checked.error.field ?? '').replace(/\[(\d+)\]/g, '.$1')}`,
        reason: checked.error.reason,
      },
    ]);
  }
  const p = checked.profile;
  const data: EventData<typeof ExporterProfileRecordedV1> = {
    exporterId: input.exporterId,
    enterprise: input.enterprise,
    hs: [...p.hs],
    ics: [...p.ics],
    markets: [...p.markets],
    keywords: [...p.keywords],
    objectives: [...p.objectives],
    areas: [...p.areas],
    delivery: {
      ...(input.delivery.webhookUrl ? { webhookUrl: input.delivery.webhookUrl } : {}),
      hasSecret: opts.hasSecret,
      digest: input.delivery.digest,
      ...(input.delivery.email ? { email: input.delivery.email } : {}),
    },
  };
  return {
    aggregateId: profileId(input.exporterId),
    name: 'record exporter profile',
    decide: (current) => {
      if (
        current &&
        JSON.stringify({ ...current.state, kind: undefined, updatedAt: undefined }) ===
          JSON.stringify({ ...data, kind: undefined, updatedAt: undefined })
      ) {
        return undefined;
      }
      return { contract: ExporterProfileRecordedV1, data };
    },
  };
}
