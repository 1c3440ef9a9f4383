import { EnterpriseCertifiedV1 } from '@highland/contracts';
import { z } from 'zod';
import { certificationId } from '../domain/aggregates/ids.js';
import type { RegistryCommand } from './command.js';
import { Name, PastDate, Reason } from './fields.js';

export const CertifyEnterpriseInput = z
  .object({
    enterprise: Name,
    level: z.enum(['AAA', 'AA', 'A']),
    authorityLevel: z.enum(['municipal', 'provincial', 'national']),
    authority: Name.optional(),
    certifiedOn: PastDate,
    town: Name.optional(),
    reason: Reason,
  })
  .strict();
export type CertifyEnterpriseBody = z.infer<typeof CertifyEnterpriseInput>;

export function certifyEnterprise(input: CertifyEnterpriseBody): RegistryCommand {
  return {
    aggregateId: certificationId(input.enterprise, input.authorityLevel, input.level, input.certifiedOn),
    name: 'certify good-behaviour enterprise',
    reason: input.reason,
    decide: (current) =>
      current
        ? undefined
        : {
            contract: EnterpriseCertifiedV1,
            data: {
              enterprise: input.enterprise,
              level: input.level,
              authorityLevel: input.authorityLevel,
              ...(input.authority ? { authority: input.authority } : {}),
              certifiedOn: input.certifiedOn,
              ...(input.town ? { town: input.town } : {}),
            },
          },
  };
}
