import { z } from 'zod';
import { AdoptionDegree, BilingualText, IsoDate, StandardLevel } from '../../common.js';

/** Field shapes shared by the incentives events (not events themselves). */

/** Money: integers in fen (1 yuan = 100 fen) everywhere, never floats. */
export const Fen = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
export const PositiveFen = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);
export const Slug = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'lower-case letters, digits and -');

const RuleBase = { id: Slug, title: BilingualText };
const TierBase = { id: Slug, amountFen: PositiveFen };

/** A standard the applicant drafted (first or second drafting unit), by level. */
export const StandardDraftedRule = z
  .object({
    ...RuleBase,
    fact: z.literal('standard-drafted'),
    tiers: z
      .array(
        z
          .object({
            ...TierBase,
            levels: z.array(StandardLevel).min(1),
            localScope: z
              .enum(['provincial', 'municipal'])
              .optional()
              .describe('local standards: DB + 2-digit province code, or DB + 4-digit city code'),
            ccsPrefixes: z
              .array(z.string().regex(/^[A-Z][0-9]{0,2}$/))
              .optional()
              .describe('e.g. ["B"]: agriculture and forestry (CCS category B)'),
            split: z
              .object({ firstFen: PositiveFen, secondFen: PositiveFen })
              .strict()
              .optional()
              .describe('when the standard has a second drafting unit: what the first and the second get'),
          })
          .strict(),
      )
      .min(1),
  })
  .strict();

/** An international or advanced foreign standard adopted (IDT/MOD), optionally only for a key product. */
export const StandardAdoptedRule = z
  .object({
    ...RuleBase,
    fact: z.literal('standard-adopted'),
    tiers: z
      .array(
        z
          .object({
            ...TierBase,
            degrees: z.array(AdoptionDegree).min(1),
            keyProductOnly: z.boolean().optional(),
          })
          .strict(),
      )
      .min(1),
  })
  .strict();

export const SEAT_ROLES = [
  'member',
  'observer',
  'secretariat',
  'vice-chair',
  'chair',
  'convenor',
  'expert',
] as const;

/** A seat on a committee held by the applicant (enterprise member unit). */
export const CommitteeSeatRule = z
  .object({
    ...RuleBase,
    fact: z.literal('committee-seat'),
    tiers: z
      .array(
        z
          .object({
            ...TierBase,
            committeeLevel: z.enum(['national', 'international']),
            committeeKinds: z.array(z.enum(['TC', 'SC', 'WG'])).min(1),
            roles: z.array(z.enum(SEAT_ROLES)).min(1),
          })
          .strict(),
      )
      .min(1),
  })
  .strict();

/** An enterprise product standard filed by the applicant. */
export const FilingRule = z
  .object({
    ...RuleBase,
    fact: z.literal('enterprise-filing'),
    tiers: z.array(z.object({ ...TierBase }).strict()).min(1),
  })
  .strict();

/** A standardization good-behaviour certification of the applicant. */
export const CertificationRule = z
  .object({
    ...RuleBase,
    fact: z.literal('certification'),
    tiers: z
      .array(
        z
          .object({
            ...TierBase,
            levels: z.array(z.enum(['AAA', 'AA', 'A'])).min(1),
            authorityLevels: z.array(z.enum(['municipal', 'provincial', 'national'])).optional(),
          })
          .strict(),
      )
      .min(1),
  })
  .strict();

/** A demonstration zone the applicant undertakes, passed (accepted) at a level. */
export const ZoneRule = z
  .object({
    ...RuleBase,
    fact: z.literal('zone'),
    tiers: z
      .array(
        z
          .object({
            ...TierBase,
            zoneLevels: z.array(z.enum(['national', 'municipal'])).min(1),
            zoneKinds: z
              .array(z.enum(['agricultural', 'service-pilot', 'enterprise-base-farmers', 'rural-market']))
              .min(1),
          })
          .strict(),
      )
      .min(1),
  })
  .strict();

/** A district top-up of a grant from a higher level, as a percentage of it (checked by the office). */
export const HigherLevelGrantRule = z
  .object({
    ...RuleBase,
    fact: z.literal('higher-level-grant'),
    topUpPercent: z.number().int().min(1).max(100),
  })
  .strict();

export const EligibilityRule = z.discriminatedUnion('fact', [
  StandardDraftedRule,
  StandardAdoptedRule,
  CommitteeSeatRule,
  FilingRule,
  CertificationRule,
  ZoneRule,
  HigherLevelGrantRule,
]);
export type EligibilityRule = z.infer<typeof EligibilityRule>;

/** An award or subsidy programme, as data. */
export const ProgrammeDefinition = z
  .object({
    id: Slug,
    name: z.object({ zh: z.string().min(1).max(300), en: z.string().min(1).max(300) }).strict(),
    year: z.number().int().min(2000).max(2100),
    kind: z.enum(['award', 'subsidy', 'grant']),
    totalBudgetFen: PositiveFen,
    perApplicantCapFen: PositiveFen,
    yearlyCapPerEnterpriseFen: PositiveFen.optional(),
    window: z.object({ opens: IsoDate, closes: IsoDate }).strict(),
    factsPeriod: z
      .object({ from: IsoDate, to: IsoDate })
      .strict()
      .describe('standards published, seats held, filings and zones passed in this period qualify'),
    revisionPercent: z
      .number()
      .int()
      .min(0)
      .max(50)
      .describe('a revision gets this percentage of the amount: at most half'),
    seriesOnce: z.boolean().describe('a standard series (parts of one number) is rewarded once'),
    reviewsRequired: z.number().int().min(0).max(20),
    criteria: z
      .array(
        z.object({ id: Slug, title: BilingualText, maxScore: z.number().int().min(1).max(100) }).strict(),
      )
      .max(20),
    prizeTiers: z
      .array(z.object({ id: Slug, title: BilingualText, amountFen: PositiveFen }).strict())
      .max(20)
      .optional(),
    rules: z.array(EligibilityRule).min(1).max(100),
  })
  .strict();
export type ProgrammeDefinition = z.infer<typeof ProgrammeDefinition>;

/** What an application cites: a registry item (by id, or a standard by its code), a zone, or a grant. */
export const CitedItem = z
  .object({
    source: z.enum(['registry', 'zones', 'grant']),
    ref: z.string().min(1).max(200).describe('registry item id or standard code; zone id; grant document'),
    role: z
      .enum(['first', 'second'])
      .optional()
      .describe('standards: first or second drafting unit (default first)'),
    grantFen: PositiveFen.optional().describe('grant: the higher-level amount received'),
  })
  .strict();
export type CitedItem = z.infer<typeof CitedItem>;

/** One rule checked against one item, passed or failed, with why. */
export const RuleCheck = z
  .object({
    item: z.number().int().min(0),
    rule: z.string(),
    tier: z.string().optional(),
    passed: z.boolean(),
    reason: z.string(),
    amountFen: Fen,
  })
  .strict();

export const ItemOutcome = z
  .object({
    item: z.number().int().min(0),
    key: z.string().describe('what is claimed: one per programme and role'),
    eligible: z.boolean(),
    rule: z.string().optional(),
    tier: z.string().optional(),
    amountFen: Fen,
    reason: z.string(),
  })
  .strict();
