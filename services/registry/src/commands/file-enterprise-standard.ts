import { EnterpriseStandardFiledV1 } from '@highland/contracts';
import { z } from 'zod';
import { filingId } from '../domain/aggregates/ids.js';
import type { RegistryCommand } from './command.js';
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

/** A repeated filing of the same enterprise and standard code is recognised: recorded once, counted once. */
export function fileEnterpriseStandard(input: FileEnterpriseStandardBody): RegistryCommand {
  return {
    aggregateId: filingId(input.enterprise, input.standardCode.normalized),
    name: 'file enterprise product standard',
    reason: input.reason,
    decide: (current) =>
      current
        ? undefined
        : {
            contract: EnterpriseStandardFiledV1,
            data: {
              enterprise: input.enterprise,
              product: input.product,
              standardCode: input.standardCode.normalized,
              filedOn: input.filedOn,
              ...(input.town ? { town: input.town } : {}),
            },
          },
  };
}
