import {
  type EventData,
  type EventEnvelope,
  ZONE_STATE_AFTER,
  type ZoneApprovedV1,
  type ZoneProposedV1,
  type ZoneRegisteredV1,
} from '@highland/contracts';
import { type Fact, factKey } from '../domain/facts.js';

/** States of the zones lifecycle after each event that moves it (the fact's `zoneState`). */
const STATE_OF: Readonly<Record<string, string>> = ZONE_STATE_AFTER;

/**
 * Facts of the zones service: one `demonstration-zone` fact per zone, counted from its approval
 * (dated by the approval, at the level granted). A proposed zone is kept as a retracted fact — it
 * carries the profile the approval event does not repeat, and counts for nothing until approved; a
 * revoked zone is retracted again. Every move updates `zoneState`, so the pipeline (under
 * construction, due for acceptance) can be read from the same facts.
 */
export function zoneFactsOf(
  e: EventEnvelope,
  seq: number,
  currentFact: (id: string) => Fact | undefined,
): Fact[] {
  const ref = { service: e.source, type: e.type, id: e.aggregate.id };
  const id = factKey('demonstration-zone', e.aggregate.id);
  switch (e.type) {
    case 'zones.zone-proposed':
    case 'zones.zone-registered': {
      const d = e.data as EventData<typeof ZoneProposedV1> | EventData<typeof ZoneRegisteredV1>;
      const approval = 'approval' in d ? d.approval : undefined;
      return [
        {
          id,
          kind: 'demonstration-zone',
          occurredAt: approval?.approvedOn ?? (d as EventData<typeof ZoneProposedV1>).proposedOn,
          attributes: {
            zoneKind: d.kind,
            ...(approval ? { zoneLevel: approval.level } : {}),
            sector: d.productLine,
            town: d.town,
            department: d.department,
            project: d.project,
            inDistrict: true,
            name: d.name,
            zoneState: 'stage' in d ? d.stage : 'proposed',
            ...(approval ? { constructionTo: approval.constructionTo } : {}),
          },
          ...(approval ? {} : { retracted: true }),
          ref,
          seq,
        },
      ];
    }
    default: {
      const state = STATE_OF[e.type];
      const known = state ? currentFact(id) : undefined;
      if (!state || !known) return [];
      if (e.type === 'zones.zone-approved') {
        const d = e.data as EventData<typeof ZoneApprovedV1>;
        return [
          {
            id,
            kind: 'demonstration-zone',
            occurredAt: d.approvedOn,
            attributes: {
              ...known.attributes,
              zoneLevel: d.level,
              zoneState: state,
              constructionTo: d.constructionTo,
            },
            ref,
            seq,
          },
        ];
      }
      return [
        {
          ...known,
          attributes: { ...known.attributes, zoneState: state },
          ...(state === 'revoked' ? { retracted: true } : {}),
          ref,
          seq,
        },
      ];
    }
  }
}
