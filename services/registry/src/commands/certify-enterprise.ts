import { type EventData, EnterpriseCertifiedV1, Rejection } from '@highland/contracts';
import { z } from 'zod';
import { certificationId } from '../domain/aggregates/ids.js';
import type { CertificationState } from '../domain/aggregates/state.js';
import { differingFields, recordedAs, type RegistryCommand } from './command.js';
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

/** The same certification again changes nothing; one that says otherwise is a conflict naming the fields. */
export function certifyEnterprise(input: CertifyEnterpriseBody): RegistryCommand {
  const data: EventData<typeof EnterpriseCertifiedV1> = {
    enterprise: input.enterprise,
    level: input.level,
    authorityLevel: input.authorityLevel,
    ...(input.authority ? { authority: input.authority } : {}),
    certifiedOn: input.certifiedOn,
    ...(input.town ? { town: input.town } : {}),
  };
  return {
    aggregateId: certificationId(input.enterprise, input.authorityLevel, input.level, input.certifiedOn),
    name: 'certify good-behaviour enterprise',
    reason: input.reason,
    decide: (current) => {
      if (!current) return { contract: EnterpriseCertifiedV1, data };
      const s = current.state as CertificationState;
      const differing = differingFields(s, data);
      if (!differing.length) return undefined;
      throw Rejection.conflict(
        `this certification of ${input.enterprise} is already recorded with other details`,
        recordedAs(s, differing),
      );
    },
  };
}
