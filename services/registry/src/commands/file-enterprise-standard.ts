import { type EventData, EnterpriseStandardFiledV1, Rejection } from '@highland/contracts';
import { z } from 'zod';
import { filingId } from '../domain/aggregates/ids.js';
import type { FilingState } from '../domain/aggregates/state.js';
import { differingFields, recordedAs, type RegistryCommand } from './command.js';
import { Name, PastDate, Reason, StandardCode } from './fields.js';

export const FileEnterpriseStandardInput = z
  .object({
    enterprise: Name,
    product: Name,
    standardCode: StandardCode,
    filedOn: PastDate,
    town: Name.optional(),
    reason: Reason,
  })
  .strict();
export type FileEnterpriseStandardBody = z.infer<typeof FileEnterpriseStandardInput>;

/**
 * A repeated filing of the same enterprise and standard code is recognised: recorded once, counted
 * once. A repeat that says something else (another date, product or town) is a conflict naming
 * those fields, not an `unchanged` that would drop them.
 */
export function fileEnterpriseStandard(input: FileEnterpriseStandardBody): RegistryCommand {
  const code = input.standardCode.normalized;
  const data: EventData<typeof EnterpriseStandardFiledV1> = {
    enterprise: input.enterprise,
    product: input.product,
    standardCode: code,
    filedOn: input.filedOn,
    ...(input.town ? { town: input.town } : {}),
  };
  return {
    aggregateId: filingId(input.enterprise, code),
    name: 'file enterprise product standard',
    reason: input.reason,
    decide: (current) => {
      if (!current) return { contract: EnterpriseStandardFiledV1, data };
      const s = current.state as FilingState;
      const differing = differingFields(s, data);
      if (!differing.length) return undefined;
      throw Rejection.conflict(
        `${code} of ${input.enterprise} is already filed (on ${s.filedOn}) with other details`,
        recordedAs(s, differing),
      );
    },
  };
}
