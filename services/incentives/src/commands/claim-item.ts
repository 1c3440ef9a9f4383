import { ItemClaimedV1, ItemClaimReleasedV1, Rejection } from '@highland/contracts';
import { claimId } from '../domain/ids.js';
import type { IncentivesCommand } from './command.js';

/**
 * Claims one item for one role in a programme. The claim's id is derived from (programme, item,
 * role), so two applications claiming it at once on two replicas publish to the same new
 * aggregate with expected sequence 0: JetStream takes one, the other re-decides and is refused.
 */
export function claimItem(
  programmeId: string,
  key: string,
  applicationId: string,
  applicant: string,
  field: string,
): IncentivesCommand {
  return {
    aggregateId: claimId(programmeId, key),
    name: 'claim item',
    decide: (current) => {
      if (current?.state.kind === 'claim' && current.state.held) {
        if (current.state.applicationId === applicationId) return undefined;
        throw Rejection.conflict(`already claimed in programme ${programmeId}`, [
          { field, reason: 'already claimed for this role by another application' },
        ]);
      }
      return { contract: ItemClaimedV1, data: { programmeId, key, applicationId, applicant } };
    },
  };
}

/** Releases a claim this application holds (a withdrawal); anything else changes nothing. */
export function releaseClaim(claim: string, applicationId: string): IncentivesCommand {
  return {
    aggregateId: claim,
    name: 'release claim',
    decide: (current) => {
      if (
        current?.state.kind !== 'claim' ||
        !current.state.held ||
        current.state.applicationId !== applicationId
      )
        return current
          ? undefined
          : (() => {
              throw Rejection.notFound(`no claim ${claim}`);
            })();
      return { contract: ItemClaimReleasedV1, data: { applicationId } };
    },
  };
}
