import { z } from 'zod';
import { IsoDate, NationalStage } from '../../common.js';
import { defineEvent } from '../../envelope.js';

export const StandardStageChangedV1 = defineEvent({
  service: 'registry',
  name: 'standard-stage-changed',
  version: 1,
  aggregateType: 'standard',
  description:
    'A standard moved to its next stage (only valid transitions are recorded); publication carries its dates, withdrawal and supersession keep history.',
  data: z
    .object({
      code: z.string(),
      from: NationalStage,
      to: NationalStage,
      isoStage: z.string().regex(/^\d{2}\.\d{2}$/),
      on: IsoDate,
      publishedOn: IsoDate.optional(),
      effectiveOn: IsoDate.optional(),
      supersededBy: z.string().optional(),
    })
    .strict(),
});
