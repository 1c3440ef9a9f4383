import { z } from 'zod';
import { lazy, readDataFile } from './data-files.js';

/** An ISO technical committee, subcommittee or other ISO body from ISO Open Data. */
export interface IsoCommittee {
  id: number;
  /** As ISO writes it: `ISO/TC 74`, `ISO/TC 184/SC 5`, `ISO/IEC JTC 1/SC 27`. */
  reference: string;
  title: string;
  status: string;
  /** National body holding the secretariat (e.g. `SAC`, `DIN`), when stated. */
  secretariat?: string;
  creationDate: string;
  parentId?: number;
  /** Participating (P) and observing (O) members by national body acronym; China is `SAC`. */
  pMembers: string[];
  oMembers: string[];
}

const members = z
  .array(z.object({ acronym: z.string() }))
  .nullable()
  .transform((list) => (list ?? []).map((m) => m.acronym));

const record = z.object({
  id: z.number().int(),
  reference: z.string().min(1),
  title: z.object({ en: z.string() }),
  status: z.string(),
  secretariat: z.object({ acronym: z.string().nullable().optional() }).nullable(),
  creationDate: z.string(),
  parentId: z.number().int().nullable(),
  pMembers: members,
  oMembers: members,
});

/**
 * Lookup key: references compared without regard to case or spacing around `/`, and with the
 * list's one-off `ISO/IEC/JTC 4` read like `ISO/IEC JTC 1`.
 */
export function committeeKey(reference: string): string {
  return reference
    .trim()
    .toUpperCase()
    .replace(/\s+/g, ' ')
    .replace(/ ?\/ ?/g, '/')
    .replace(/\/JTC\b/, ' JTC');
}

function toCommittee(raw: z.infer<typeof record>): IsoCommittee {
  const committee: IsoCommittee = {
    id: raw.id,
    reference: raw.reference,
    title: raw.title.en,
    status: raw.status,
    creationDate: raw.creationDate,
    pMembers: raw.pMembers,
    oMembers: raw.oMembers,
  };
  if (raw.secretariat?.acronym) committee.secretariat = raw.secretariat.acronym;
  if (raw.parentId !== null) committee.parentId = raw.parentId;
  return committee;
}

function load(): Map<string, IsoCommittee> {
  const committees = new Map<string, IsoCommittee>();
  readDataFile('iso/iso_technical_committees.jsonl')
    .split('\n')
    .forEach((line, index) => {
      if (line.trim() === '') return;
      const parsed = record.safeParse(JSON.parse(line));
      if (!parsed.success) throw new Error(`ISO committees line ${index + 1}: ${parsed.error.message}`);
      committees.set(committeeKey(parsed.data.reference), toCommittee(parsed.data));
    });
  return committees;
}

/** All 785 ISO committees keyed by {@link committeeKey}, read on first use. */
export const isoCommittees: () => ReadonlyMap<string, IsoCommittee> = lazy(load);

export function isoCommittee(reference: string): IsoCommittee | undefined {
  return isoCommittees().get(committeeKey(reference));
}
