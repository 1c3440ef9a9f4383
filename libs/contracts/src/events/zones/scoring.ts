import { z } from 'zod';

/**
 * An acceptance scoring sheet, as data: sections of items, each worth some points. A graded item
 * is scored 1 (met), 0.5 (partly) or 0 (not met) of its points; a measured item (a service pilot's
 * coverage, implementation, satisfaction) is a percentage that earns its points when it reaches
 * its threshold. A key item must be met, whatever the total.
 */
export const SheetItem = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9.-]{0,39}$/),
    title: z.string().min(1).max(300),
    maxPoints: z.number().positive().max(100),
    key: z.boolean().optional().describe('must-pass: the zone cannot pass unless it is met'),
    threshold: z.number().min(0).max(100).optional().describe('measured item: the percentage to reach'),
  })
  .strict();

export const ScoringSheet = z
  .object({
    name: z.string().min(1).max(200),
    sections: z
      .array(z.object({ title: z.string().min(1).max(200), items: z.array(SheetItem).min(1) }).strict())
      .min(1),
    passMark: z.number().min(0).max(100).describe('percentage of the maximum total needed to pass'),
  })
  .strict();

export const ItemScore = z
  .object({
    item: z.string(),
    inspector: z.string().min(1),
    grade: z.union([z.literal(1), z.literal(0.5), z.literal(0)]).optional(),
    value: z.number().min(0).max(100).optional().describe('measured item: the percentage found'),
    points: z.number().min(0),
    note: z.string().max(2000).optional(),
  })
  .strict();
