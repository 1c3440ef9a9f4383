import { z } from 'zod';
import { IsoDate } from '../../common.js';
import { defineEvent } from '../../envelope.js';

export const CatalogueEntryImportedV1 = defineEvent({
  service: 'registry',
  name: 'catalogue-entry-imported',
  version: 1,
  aggregateType: 'catalogue-entry',
  description:
    'A reference record of an international deliverable (ISO Open Data) entered the catalogue, so adoptions can point at a real standard.',
  data: z
    .object({
      reference: z.string(),
      title: z.string().optional(),
      publicationDate: IsoDate.optional(),
      edition: z.number().int().optional(),
      ics: z.array(z.string()),
      ownerCommittee: z.string().optional(),
      currentStage: z.string().optional(),
      replaces: z.array(z.string()),
    })
    .strict(),
});
