import { z } from 'zod';

/** Shared field shapes of the catalogue (not events themselves). */
export const IsoDate = z.iso.date();
export const BilingualText = z
  .object({ zh: z.string().min(1).max(500), en: z.string().max(500).optional() })
  .strict();
export const StandardLevel = z.enum([
  'international',
  'foreign',
  'national',
  'industry',
  'local',
  'group',
  'enterprise',
]);
export const StandardNature = z.enum(['mandatory', 'recommended', 'guidance']);
export const WorkKind = z.enum(['formulate', 'revise', 'adopt', 'existing']);
export const AdoptionDegree = z.enum(['IDT', 'MOD', 'NEQ']);
export const NationalStage = z.enum([
  'plan-issued',
  'drafting',
  'public-comment',
  'review',
  'approval',
  'published',
  'withdrawn',
  'superseded',
  'cancelled',
]);
/** The plan's five major projects, 1..5 (see docs/domain.md). */
export const ProjectCategory = z.number().int().min(1).max(5);
