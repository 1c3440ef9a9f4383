import { BaseConfig } from '@highland/service-kit';
import { z } from 'zod';

/** The shared variables (`BaseConfig`) and the zones service's own. */
export const ZonesConfig = BaseConfig.extend({
  /**
   * Pass mark of the default acceptance sheets, in percent of the maximum total. No official mark
   * is published (accepted zones score roughly 88–98); an inspection may set its own.
   */
  ZONES_PASS_MARK: z.coerce.number().min(0).max(100).default(80),
  /** How often deadline reminders are checked (0: never, e.g. in tests that run them by hand). */
  /** The largest evidence file accepted, in bytes (default 50 MiB). */
  ZONES_EVIDENCE_MAX_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(50 * 1024 * 1024),
  ZONES_REMINDER_CHECK_MS: z.coerce.number().int().min(0).default(3_600_000),
});
export type ZonesConfig = z.infer<typeof ZonesConfig>;
