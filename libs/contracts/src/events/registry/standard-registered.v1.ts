import { z } from 'zod';
import {
  AdoptionDegree,
  BilingualText,
  IsoDate,
  NationalStage,
  ProjectCategory,
  StandardLevel,
  StandardNature,
  WorkKind,
} from '../../common.js';
import { defineEvent } from '../../envelope.js';

export const StandardRegisteredV1 = defineEvent({
  service: 'registry',
  name: 'standard-registered',
  version: 1,
  aggregateType: 'standard',
  description:
    'A standard entered the registry: a work item starting (formulate, revise, adopt) or an existing standard recorded as published.',
  data: z
    .object({
      code: z.string().describe('normalised code, e.g. "GB/T 19001-2016"'),
      level: StandardLevel,
      body: z.string().describe('issuing body or prefix: ISO, GB, JB, DB50, T/CAS, Q/ABC …'),
      nature: StandardNature,
      title: BilingualText,
      ics: z.array(z.string()).describe('ICS codes, validated against the official list'),
      ccs: z.array(z.string()).describe('CCS codes, validated against the official list'),
      sector: z.string().min(1),
      project: ProjectCategory.optional(),
      work: z
        .object({
          kind: WorkKind,
          replaces: z.string().optional().describe('revise: the edition it replaces'),
          adopts: z.object({ code: z.string(), degree: AdoptionDegree }).strict().optional(),
        })
        .strict(),
      stage: NationalStage,
      isoStage: z.string().regex(/^\d{2}\.\d{2}$/),
      leadOrganisation: z.string().optional(),
      participants: z.array(z.string()),
      /** The district led or took part: what the plan's counts are about. */
      inDistrict: z.boolean(),
      town: z.string().optional(),
      publishedOn: IsoDate.optional(),
      effectiveOn: IsoDate.optional(),
    })
    .strict(),
});
