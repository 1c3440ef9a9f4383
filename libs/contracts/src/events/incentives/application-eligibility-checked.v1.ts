import { z } from 'zod';
import { Fen, ItemOutcome, RuleCheck } from './shapes.js';
import { defineEvent } from '../../envelope.js';

export const ApplicationEligibilityCheckedV1 = defineEvent({
  service: 'incentives',
  name: 'application-eligibility-checked',
  version: 1,
  aggregateType: 'application',
  description:
    'Every cited item checked against the facts of the registry and zones; every rule explained, passed or failed.',
  data: z
    .object({
      eligible: z.boolean(),
      outcomes: z.array(ItemOutcome),
      checks: z.array(RuleCheck),
      eligibleFen: Fen.describe('sum of the eligible items, capped by the per-applicant cap'),
    })
    .strict(),
});
