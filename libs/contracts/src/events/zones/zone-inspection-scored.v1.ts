import { z } from 'zod';
import { IsoDate } from '../../common.js';
import { ItemScore, ScoringSheet } from './scoring.js';
import { defineEvent } from '../../envelope.js';

export const ZoneInspectionScoredV1 = defineEvent({
  service: 'zones',
  name: 'zone-inspection-scored',
  version: 1,
  aggregateType: 'zone',
  description:
    'An acceptance inspection (or a re-inspection after rectification) scored the zone item by item.',
  data: z
    .object({
      inspection: z
        .number()
        .int()
        .positive()
        .describe('1 for the first inspection, 2 for the re-inspection, …'),
      on: IsoDate,
      inspectors: z.array(z.string().min(1)).min(1),
      sheet: ScoringSheet,
      scores: z.array(ItemScore),
      total: z.number().min(0),
      maxTotal: z.number().positive(),
      percent: z.number().min(0).max(100),
      keyItemsFailed: z.array(z.string()),
      meetsPassMark: z.boolean().describe('percent >= the pass mark and every key item passed'),
    })
    .strict(),
});
