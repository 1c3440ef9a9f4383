import type { EventContract } from './envelope.js';
import type { RequestContract } from './requests.js';
import { EnterpriseIcsV1 } from './requests/registry/enterprise-ics.v1.js';
import { GetStandardV1 } from './requests/registry/standard-get.v1.js';
import { CatalogueEntryImportedV1 } from './events/registry/catalogue-entry-imported.v1.js';
import { CommitteeSeatEndedV1 } from './events/registry/committee-seat-ended.v1.js';
import { CommitteeSeatGrantedV1 } from './events/registry/committee-seat-granted.v1.js';
import { EnterpriseCertifiedV1 } from './events/registry/enterprise-certified.v1.js';
import { EnterpriseStandardFiledV1 } from './events/registry/enterprise-standard-filed.v1.js';
import { KeyProductRecordedV1 } from './events/registry/key-product-recorded.v1.js';
import { StandardRegisteredV1 } from './events/registry/standard-registered.v1.js';
import { StandardStageChangedV1 } from './events/registry/standard-stage-changed.v1.js';
import { ApplicationAppealedV1 } from './events/incentives/application-appealed.v1.js';
import { ApplicationApprovedV1 } from './events/incentives/application-approved.v1.js';
import { ApplicationAwardedV1 } from './events/incentives/application-awarded.v1.js';
import { ApplicationDraftedV1 } from './events/incentives/application-drafted.v1.js';
import { ApplicationEligibilityCheckedV1 } from './events/incentives/application-eligibility-checked.v1.js';
import { ApplicationFlaggedV1 } from './events/incentives/application-flagged.v1.js';
import { ApplicationRejectedV1 } from './events/incentives/application-rejected.v1.js';
import { ApplicationSubmittedV1 } from './events/incentives/application-submitted.v1.js';
import { ApplicationUnderReviewV1 } from './events/incentives/application-under-review.v1.js';
import { ApplicationWithdrawnV1 } from './events/incentives/application-withdrawn.v1.js';
import { BudgetPaidV1 } from './events/incentives/budget-paid.v1.js';
import { BudgetReleasedV1 } from './events/incentives/budget-released.v1.js';
import { BudgetReservedV1 } from './events/incentives/budget-reserved.v1.js';
import { ItemClaimReleasedV1 } from './events/incentives/item-claim-released.v1.js';
import { ItemClaimedV1 } from './events/incentives/item-claimed.v1.js';
import { ParticipantRegisteredV1 } from './events/incentives/participant-registered.v1.js';
import { PaymentInstructedV1 } from './events/incentives/payment-instructed.v1.js';
import { PaymentPaidV1 } from './events/incentives/payment-paid.v1.js';
import { ProgrammeDefinedV1 } from './events/incentives/programme-defined.v1.js';
import { ReviewScoredV1 } from './events/incentives/review-scored.v1.js';
import { PeerFiguresImportedV1 } from './events/reporting/peer-figures-imported.v1.js';
import { PlanDefinedV1 } from './events/reporting/plan-defined.v1.js';
import { AlertAcknowledgedV1 } from './events/tbt/alert-acknowledged.v1.js';
import { AlertDeliveredV1 } from './events/tbt/alert-delivered.v1.js';
import { AlertRaisedV1 } from './events/tbt/alert-raised.v1.js';
import { NotificationRecordedV1 } from './events/tbt/notification-recorded.v1.js';
import { ExporterProfileRecordedV1 } from './events/tbt/profile-recorded.v1.js';
import { ZoneProposedV1 } from './events/zones/zone-proposed.v1.js';
import { ZoneRegisteredV1 } from './events/zones/zone-registered.v1.js';
import { ZoneAppliedV1 } from './events/zones/zone-applied.v1.js';
import { ZoneApprovedV1 } from './events/zones/zone-approved.v1.js';
import { ZoneConstructionStartedV1 } from './events/zones/zone-construction-started.v1.js';
import { ZoneMidtermReviewedV1 } from './events/zones/zone-midterm-reviewed.v1.js';
import { ZoneInspectionScoredV1 } from './events/zones/zone-inspection-scored.v1.js';
import { ZonePassedV1 } from './events/zones/zone-passed.v1.js';
import { ZoneRectificationRequiredV1 } from './events/zones/zone-rectification-required.v1.js';
import { ZoneFailedV1 } from './events/zones/zone-failed.v1.js';
import { ZoneRevokedV1 } from './events/zones/zone-revoked.v1.js';
import { ZoneExpiredV1 } from './events/zones/zone-expired.v1.js';
import { ZoneStandardsAppliedV1 } from './events/zones/zone-standards-applied.v1.js';
import { ZoneCoverageReportedV1 } from './events/zones/zone-coverage-reported.v1.js';
import { ZoneTrainingRecordedV1 } from './events/zones/zone-training-recorded.v1.js';
import { ZoneDeadlineRemindedV1 } from './events/zones/zone-deadline-reminded.v1.js';
import { ZoneEvidenceAttachedV1 } from './events/zones/zone-evidence-attached.v1.js';

/** Every event of the platform. A contract not listed here cannot be published. */
export const catalog: readonly EventContract[] = [
  StandardRegisteredV1,
  StandardStageChangedV1,
  KeyProductRecordedV1,
  EnterpriseStandardFiledV1,
  CommitteeSeatGrantedV1,
  CommitteeSeatEndedV1,
  EnterpriseCertifiedV1,
  CatalogueEntryImportedV1,
  PlanDefinedV1,
  PeerFiguresImportedV1,
  NotificationRecordedV1,
  ExporterProfileRecordedV1,
  AlertRaisedV1,
  AlertDeliveredV1,
  AlertAcknowledgedV1,
  ApplicationAppealedV1,
  ApplicationApprovedV1,
  ApplicationAwardedV1,
  ApplicationDraftedV1,
  ApplicationEligibilityCheckedV1,
  ApplicationFlaggedV1,
  ApplicationRejectedV1,
  ApplicationSubmittedV1,
  ApplicationUnderReviewV1,
  ApplicationWithdrawnV1,
  BudgetPaidV1,
  BudgetReleasedV1,
  BudgetReservedV1,
  ItemClaimReleasedV1,
  ItemClaimedV1,
  ParticipantRegisteredV1,
  PaymentInstructedV1,
  PaymentPaidV1,
  ProgrammeDefinedV1,
  ReviewScoredV1,
  ZoneProposedV1,
  ZoneRegisteredV1,
  ZoneAppliedV1,
  ZoneApprovedV1,
  ZoneConstructionStartedV1,
  ZoneMidtermReviewedV1,
  ZoneInspectionScoredV1,
  ZonePassedV1,
  ZoneRectificationRequiredV1,
  ZoneFailedV1,
  ZoneRevokedV1,
  ZoneExpiredV1,
  ZoneStandardsAppliedV1,
  ZoneCoverageReportedV1,
  ZoneTrainingRecordedV1,
  ZoneDeadlineRemindedV1,
  ZoneEvidenceAttachedV1,
];

/** Every question a service answers for others over request/reply. */
export const requestCatalog: readonly RequestContract[] = [GetStandardV1, EnterpriseIcsV1];

// By type, then version: every consumed event is looked up, and a composed key cost a string each.
const byType = new Map<string, EventContract[]>();
for (const c of catalog) byType.set(c.type, [...(byType.get(c.type) ?? []), c]);

export function findContract(type: string, version: number): EventContract | undefined {
  const versions = byType.get(type);
  if (versions) for (const c of versions) if (c.version === version) return c;
  return undefined;
}

/** Services that publish events, each into a stream of its own. */
export const producingServices = [...new Set(catalog.map((c) => c.service))].sort();
