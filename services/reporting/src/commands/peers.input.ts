import { z } from 'zod';

export const PeersInput = z
  .object({
    asOf: z.iso.date(),
    peers: z
      .array(
        z
          .object({ district: z.string().trim().min(1).max(100), total: z.number().int().nonnegative() })
          .strict(),
      )
      .min(1)
      .max(100)
      .refine(
        (list) => new Set(list.map((p) => p.district)).size === list.length,
        'a district appears twice',
      ),
    reason: z.string().max(2000).optional(),
  })
  .strict();
export type PeersBody = z.infer<typeof PeersInput>;
