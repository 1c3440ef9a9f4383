import { type EventData, KeyProductRecordedV1 } from '@highland/contracts';
import { z } from 'zod';
import { keyProductId } from '../domain/aggregates/ids.js';
import type { KeyProductState } from '../domain/aggregates/state.js';
import type { RegistryCommand } from './command.js';
import { Name, PastDate, Reason, StandardCode } from './fields.js';

export const RecordKeyProductInput = z
  .object({
    enterprise: Name,
    product: Name,
    field: Name,
    /** The standard the product is made to; whether it is international or foreign follows from its code. */
    adoptedStandard: StandardCode.optional(),
    /** The date from which this holds; defaults to the day it is recorded. */
    since: PastDate.optional(),
    reason: Reason,
  })
  .strict();
export type RecordKeyProductBody = z.infer<typeof RecordKeyProductInput>;

export function recordKeyProduct(input: RecordKeyProductBody): RegistryCommand {
  const data: EventData<typeof KeyProductRecordedV1> = {
    product: input.product,
    field: input.field,
    enterprise: input.enterprise,
    ...(input.adoptedStandard ? { adoptedStandard: input.adoptedStandard.normalized } : {}),
    adoptsInternational:
      !!input.adoptedStandard && ['international', 'foreign'].includes(input.adoptedStandard.level),
    ...(input.since ? { since: input.since } : {}),
  };
  return {
    aggregateId: keyProductId(input.enterprise, input.product),
    name: 'record key product',
    reason: input.reason,
    decide: (current) => {
      const s = current?.state as KeyProductState | undefined;
      if (s && s.field === data.field && s.adoptedStandard === data.adoptedStandard && s.since === data.since)
        return undefined;
      return { contract: KeyProductRecordedV1, data };
    },
  };
}
