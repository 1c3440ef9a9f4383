import type {
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

/** What the projection remembers of a standard: only what its fact needs (a replay keeps one per standard). */
interface Standard {
  readonly code: string;
  readonly level: EventData<typeof StandardRegisteredV1>['level'];
  readonly workKind: EventData<typeof StandardRegisteredV1>['work']['kind'];
  readonly sector: string;
  readonly isoStage: string;
  readonly department: string;
  readonly town?: string;
  readonly project?: number;
  readonly inDistrict: boolean;
  readonly stageOn: string;
}

/**
 * Turns events into facts. Standards need their registration to interpret later stage changes,
 * so the projection remembers each standard's registered data (by aggregate id).
 */
export class FactProjection {
  private readonly standards = new Map<string, Standard>();

  /** Facts to upsert for one event (empty when it counts for nothing). */
  factsOf(e: EventEnvelope, seq: number): Fact[] {
    const ref = { service: e.source, type: e.type, id: e.aggregate.id };
    const day = e.occurredAt.slice(0, 10);
    switch (e.type) {
      case 'registry.standard-registered': {
        const d = e.data as EventData<typeof StandardRegisteredV1>;
        const s: Standard = {
          code: d.code,
          level: d.level,
          workKind: d.work.kind,
          sector: d.sector,
          isoStage: d.isoStage,
          department: e.actor.department,
          ...(d.town ? { town: d.town } : {}),
          ...(d.project ? { project: d.project } : {}),
          inDistrict: d.inDistrict,
          stageOn: d.publishedOn ?? day,
        };
        this.standards.set(e.aggregate.id, s);
        return [this.standardFact(s, seq, ref)];
      }
      case 'registry.standard-stage-changed': {
        const d = e.data as EventData<typeof StandardStageChangedV1>;
        const prev = this.standards.get(e.aggregate.id);
        if (!prev) return [];
        const s: Standard = { ...prev, isoStage: d.isoStage, stageOn: d.publishedOn ?? d.on };
        this.standards.set(e.aggregate.id, s);
        return [this.standardFact(s, seq, ref)];
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
              ...(d.town ? { town: d.town } : {}),
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
              ...(d.town ? { town: d.town } : {}),
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
      default:
        return [];
    }
  }

  private standardFact(s: Standard, seq: number, ref: Fact['ref']): Fact {
    return {
      id: factKey('standard-work', s.code),
      kind: 'standard-work',
      occurredAt: s.stageOn,
      attributes: {
        level: s.level,
        workKind: s.workKind,
        sector: s.sector,
        stage: s.isoStage,
        department: s.department,
        ...(s.town ? { town: s.town } : {}),
        ...(s.project ? { project: s.project } : {}),
        inDistrict: s.inDistrict,
        code: s.code,
      },
      ref,
      seq,
    };
  }
}
