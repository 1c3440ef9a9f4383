import { z } from 'zod';
import { defineRequest } from '../../requests.js';

export const GetStandardV1 = defineRequest({
  service: 'registry',
  name: 'standard-get',
  version: 1,
  description: 'A registered standard by its code (any spelling the registry normalises).',
  request: z.object({ code: z.string().min(1).max(200) }).strict(),
  reply: z.discriminatedUnion('found', [
    z
      .object({
        found: z.literal(true),
        id: z.string(),
        version: z.number().int().positive(),
        standard: z.record(z.string(), z.unknown()),
      })
      .strict(),
    z.object({ found: z.literal(false), reason: z.string() }).strict(),
  ]),
});
