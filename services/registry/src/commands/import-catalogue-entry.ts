import { CatalogueEntryImportedV1, type EventData } from '@highland/contracts';
import type { IsoDeliverable } from '@highland/reference-data';
import { catalogueId } from '../domain/aggregates/ids.js';
import type { CatalogueState } from '../domain/aggregates/state.js';
import type { RegistryCommand } from './command.js';

export function importCatalogueEntry(record: IsoDeliverable): RegistryCommand {
  const data: EventData<typeof CatalogueEntryImportedV1> = toCatalogueData(record);
  return {
    aggregateId: catalogueId(data.reference),
    name: 'import ISO catalogue entry',
    decide: (current) => {
      const s = current?.state as CatalogueState | undefined;
      if (s && sameCatalogueData(s, data)) return undefined;
      return { contract: CatalogueEntryImportedV1, data };
    },
  };
}

function toCatalogueData(r: IsoDeliverable): EventData<typeof CatalogueEntryImportedV1> {
  const stage = String(r.currentStage).padStart(4, '0');
  return {
    reference: r.reference,
    ...(r.publicationDate ? { publicationDate: r.publicationDate } : {}),
    edition: r.edition,
    ics: r.icsCode,
    ownerCommittee: r.ownerCommittee,
    currentStage: `${stage.slice(0, 2)}.${stage.slice(2)}`,
    replaces: (r.replaces ?? []).map(String),
  };
}

function sameCatalogueData(s: CatalogueState, d: EventData<typeof CatalogueEntryImportedV1>): boolean {
  const { kind: _k, recordedBy: _b, recordedAt: _a, updatedAt: _u, ...stored } = s;
  return JSON.stringify(stored) === JSON.stringify(d);
}
