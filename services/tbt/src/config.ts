import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BaseConfig } from '@highland/service-kit';
import { z } from 'zod';
import { parseSecretKeys } from './adapters/secret-box.js';
import { parseAllowedHosts } from './adapters/webhook-target.js';

const HOUR = 3_600_000;
/** Retries for a little over 24 hours: 10 s, 30 s, 1 min, 5 min, 15 min, 30 min, 1 h, 2 h, then every 4 h. */
const DEFAULT_WEBHOOK_BACKOFF_MS = [
  10_000,
  30_000,
  60_000,
  300_000,
  900_000,
  1_800_000,
  HOUR,
  2 * HOUR,
  4 * HOUR,
  4 * HOUR,
  4 * HOUR,
  4 * HOUR,
  4 * HOUR,
];

/** The shared variables (`BaseConfig`) and the TBT service's own. */
export const TbtConfig = BaseConfig.extend({
  /** `production` makes TBT_SECRETS_KEY required. */
  NODE_ENV: z.string().optional(),
  /**
   * Keys that encrypt webhook secrets at rest (AES-256-GCM): comma-separated `<id>:<base64 of 32
   * bytes>`, the current key first, older ones after it until their secrets are re-encrypted
   * (`POST /admin/webhook-secrets/re-encrypt`; see docs/webhooks.md). Required in production;
   * elsewhere, when unset, a key is made once per database and kept in it (with a warning).
   */
  TBT_SECRETS_KEY: z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value.trim() === '') return undefined;
      try {
        return parseSecretKeys(value);
      } catch (err) {
        // The message names the entry, never the key.
        ctx.issues.push({ code: 'custom', message: (err as Error).message, input: '[redacted]' });
        return z.NEVER;
      }
    }),
  /** Where e-mail bodies go when there is no SMTP server or no recipient. */
  TBT_OUTBOX_DIR: z.string().min(1).default(join(tmpdir(), 'highland-outbox')),
  /** How often the scheduler looks for reminders and digests due. */
  TBT_SCHEDULER_INTERVAL_MS: z.coerce
    .number()
    .int()
    .positive()
    .default(10 * 60_000),
  /** Send mail through this SMTP server (nodemailer URL); unset: mail goes to the outbox. */
  TBT_SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'an smtp:// or smtps:// URL')
    .optional(),
  TBT_MAIL_FROM: z.string().min(1).default('highland-tbt@localhost'),
  /** Delays before each webhook retry, comma-separated milliseconds. */
  TBT_WEBHOOK_BACKOFF_MS: z
    .string()
    .regex(/^\d+(,\d+)*$/, 'milliseconds, comma-separated (10000,30000,60000)')
    .transform((list) => list.split(',').map(Number))
    .default(DEFAULT_WEBHOOK_BACKOFF_MS),
  /** Attempts before an alert's webhook is dead-lettered; default: one more than the delays. */
  TBT_WEBHOOK_MAX_DELIVER: z.coerce.number().int().positive().optional(),
  /**
   * Hosts a webhook may point to although they are loopback, private or link-local (SSRF):
   * comma-separated `host` or `host:port` (`[::1]:8080`); nothing by default.
   */
  TBT_WEBHOOK_ALLOWED_HOSTS: z
    .string()
    .default('')
    .transform((list, ctx) => {
      try {
        return parseAllowedHosts(list);
      } catch (err) {
        ctx.issues.push({ code: 'custom', message: (err as Error).message, input: list });
        return z.NEVER;
      }
    }),
  /** A webhook's DNS, TCP and TLS together may take this long. */
  TBT_WEBHOOK_CONNECT_TIMEOUT_MS: z.coerce.number().int().positive().default(5_000),
  /** A webhook call, answer included, may take this long. */
  TBT_WEBHOOK_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  /** At most this much of a receiver's answer is read. */
  TBT_WEBHOOK_MAX_RESPONSE_BYTES: z.coerce.number().int().positive().default(65_536),
}).superRefine((config, ctx) => {
  if (config.NODE_ENV === 'production' && config.TBT_SECRETS_KEY === undefined)
    ctx.addIssue({
      code: 'custom',
      path: ['TBT_SECRETS_KEY'],
      message:
        'required in production (webhook secrets are encrypted with it): <id>:<openssl rand -base64 32>',
    });
});
export type TbtConfig = z.infer<typeof TbtConfig>;

/** The webhook consumer's retry policy. */
export function webhookRetries(config: TbtConfig): { backoffMs: number[]; maxDeliver: number } {
  const backoffMs = config.TBT_WEBHOOK_BACKOFF_MS;
  return { backoffMs, maxDeliver: config.TBT_WEBHOOK_MAX_DELIVER ?? backoffMs.length + 1 };
}
