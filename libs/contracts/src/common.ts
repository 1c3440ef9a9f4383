import { z } from 'zod';

/** Shared field shapes of the catalogue (not events themselves). */
export const IsoDate = z.iso.date();
export const BilingualText = z
  .object({ zh: z.string().min(1).max(500), en: z.string().max(500).optional() })
  .strict();
/** Levels of standard, from the widest scope to the narrowest: the one list every service uses. */
export const STANDARD_LEVELS = [
  'international',
  'foreign',
  'national',
  'industry',
  'local',
  'group',
  'enterprise',
] as const;
export const StandardLevel = z.enum(STANDARD_LEVELS);
export const StandardNature = z.enum(['mandatory', 'recommended', 'guidance']);
export const WorkKind = z.enum(['formulate', 'revise', 'adopt', 'existing']);
export const AdoptionDegree = z.enum(['IDT', 'MOD', 'NEQ']);
/** The simplified national path of a work item, and how it ends. */
export const NATIONAL_STAGES = [
  'plan-issued',
  'drafting',
  'public-comment',
  'review',
  'approval',
  'published',
  'withdrawn',
  'superseded',
  'cancelled',
] as const;
export const NationalStage = z.enum(NATIONAL_STAGES);
/** The plan's five major projects, 1..5 (see docs/domain.md). */
export const ProjectCategory = z.number().int().min(1).max(5);
