import type {
  AlertAcknowledgedV1,
  AlertDeliveredV1,
  AlertRaisedV1,
  CommitteeSeatGrantedV1,
  EnterpriseCertifiedV1,
  EnterpriseStandardFiledV1,
  EventData,
  EventEnvelope,
  KeyProductRecordedV1,
  PeerFiguresImportedV1,
  StandardRegisteredV1,
  StandardStageChangedV1,
} from '@highland/contracts';
import { type Fact, factKey } from '../domain/facts.js';
import { zoneFactsOf } from './zone-facts.js';

/**
 * Turns events into facts. A stage change carries only the stage, so the projection remembers which
 * fact each registered standard became (by aggregate id) and reads that fact back from the store:
 * the rest of the standard lives once, in the store's columns.
 */
export class FactProjection {
  private readonly standardFacts = new Map<string, string>();

  constructor(private readonly currentFact: (id: string) => Fact | undefined) {}

  /** Facts to upsert for one event (empty when it counts for nothing). */
  factsOf(e: EventEnvelope, seq: number): Fact[] {
    const ref = { service: e.source, type: e.type, id: e.aggregate.id };
    const day = e.occurredAt.slice(0, 10);
    switch (e.type) {
      case 'registry.standard-registered': {
        const d = e.data as EventData<typeof StandardRegisteredV1>;
        const id = factKey('standard-work', d.code);
        this.standardFacts.set(e.aggregate.id, id);
        return [
          {
            id,
            kind: 'standard-work',
            occurredAt: d.publishedOn ?? day,
            attributes: {
              level: d.level,
              workKind: d.work.kind,
              sector: d.sector,
              stage: d.isoStage,
              department: e.actor.department,
              town: d.town || undefined,
              project: d.project || undefined,
              inDistrict: d.inDistrict,
              code: d.code,
            },
            ref,
            seq,
          },
        ];
      }
      case 'registry.standard-stage-changed': {
        const d = e.data as EventData<typeof StandardStageChangedV1>;
        const id = this.standardFacts.get(e.aggregate.id);
        const registered = id === undefined ? undefined : this.currentFact(id);
        if (!registered) return [];
        return [
          {
            id: registered.id,
            kind: 'standard-work',
            occurredAt: d.publishedOn ?? d.on,
            attributes: { ...registered.attributes, stage: d.isoStage },
            ref,
            seq,
          },
        ];
      }
      case 'registry.enterprise-standard-filed': {
        const d = e.data as EventData<typeof EnterpriseStandardFiledV1>;
        return [
          {
            id: factKey('enterprise-filing', e.aggregate.id),
            kind: 'enterprise-filing',
            occurredAt: d.filedOn,
            attributes: {
              department: e.actor.department,
              town: d.town || undefined,
              inDistrict: true,
            },
            ref,
            seq,
          },
        ];
      }
      case 'registry.committee-seat-granted': {
        const d = e.data as EventData<typeof CommitteeSeatGrantedV1>;
        // Distinct members: an enterprise with seats on two committees became a member unit once.
        const member = d.memberKind === 'enterprise' ? d.holder : `${d.holder}|${d.organisation ?? ''}`;
        return [
          {
            id: factKey('committee-membership', d.committeeLevel, d.memberKind, member),
            kind: 'committee-membership',
            occurredAt: d.from,
            attributes: {
              memberKind: d.memberKind,
              committeeLevel: d.committeeLevel,
              department: e.actor.department,
              inDistrict: true,
            },
            ref,
            seq,
          },
        ];
      }
      case 'registry.enterprise-certified': {
        const d = e.data as EventData<typeof EnterpriseCertifiedV1>;
        return [
          {
            id: factKey('good-behaviour-certification', d.enterprise, d.authorityLevel),
            kind: 'good-behaviour-certification',
            occurredAt: d.certifiedOn,
            attributes: {
              authority: d.authorityLevel,
              department: e.actor.department,
              town: d.town || undefined,
              inDistrict: true,
            },
            ref,
            seq,
          },
        ];
      }
      case 'registry.key-product-recorded': {
        const d = e.data as EventData<typeof KeyProductRecordedV1>;
        return [
          {
            id: factKey('key-product-adoption', e.aggregate.id),
            kind: 'key-product-adoption',
            occurredAt: d.since ?? day,
            attributes: {
              adopts: d.adoptsInternational,
              sector: d.field,
              department: e.actor.department,
              inDistrict: true,
            },
            ref,
            seq,
          },
        ];
      }
      case 'reporting.peer-figures-imported': {
        const d = e.data as EventData<typeof PeerFiguresImportedV1>;
        return d.peers.map((p) => ({
          id: factKey('peer-standards-total', d.planId, d.indicatorId, p.district),
          kind: 'peer-standards-total' as const,
          occurredAt: d.asOf,
          attributes: {
            peerDistrict: p.district,
            total: p.total,
            planId: d.planId,
            indicatorId: d.indicatorId,
          },
          ref,
          seq,
        }));
      }
      case 'tbt.alert-raised': {
        const d = e.data as EventData<typeof AlertRaisedV1>;
        return [
          {
            id: factKey('tbt-alert', e.aggregate.id),
            kind: 'tbt-alert',
            occurredAt: day,
            attributes: {
              // What a drill-down list shows: the notification's symbol and the exporter alerted.
              code: d.symbol ?? d.documentKey,
              enterprise: d.enterprise,
              member: d.member,
              inferred: d.inferred,
              delivered: false,
              acknowledged: false,
              tradeConcernCandidate: false,
              department: e.actor.department,
              inDistrict: true,
            },
            ref,
            seq,
          },
        ];
      }
      case 'tbt.alert-delivered':
      case 'tbt.alert-acknowledged': {
        // The alert's fact, read back and updated: the alert raised is what is counted, and when.
        const raised = this.currentFact(factKey('tbt-alert', e.aggregate.id));
        if (!raised) return [];
        let attributes: Fact['attributes'];
        if (e.type === 'tbt.alert-delivered') {
          const d = e.data as EventData<typeof AlertDeliveredV1>;
          attributes = { ...raised.attributes, delivered: d.outcome === 'delivered' };
        } else {
          const d = e.data as EventData<typeof AlertAcknowledgedV1>;
          attributes = {
            ...raised.attributes,
            acknowledged: true,
            impact: d.impact,
            action: d.action,
            tradeConcernCandidate: d.tradeConcernCandidate,
          };
        }
        return [{ ...raised, attributes, ref, seq }];
      }
      default:
        return e.source === 'zones' ? zoneFactsOf(e, seq, this.currentFact) : [];
    }
  }
}
