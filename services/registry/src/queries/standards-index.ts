import type { StandardState } from '../domain/aggregates/state.js';

/** What a filter reads of one standard, flat, so a scan of 100,000 stays within a few milliseconds. */
export interface StandardRow {
  id: string;
  code: string;
  level: string;
  stage: string;
  sector: string;
  kind: string;
  project: number;
  inDistrict: boolean;
  publishedOn: string;
  ics: readonly string[];
  lead: string;
  participants: readonly string[];
}

export function toRow(id: string, s: StandardState): StandardRow {
  return {
    id,
    code: s.code,
    level: s.level,
    stage: s.stage,
    sector: s.sector,
    kind: s.work.kind,
    project: s.project ?? 0,
    inDistrict: s.inDistrict,
    publishedOn: s.publishedOn ?? '',
    ics: s.ics,
    lead: s.leadOrganisation ?? '',
    participants: s.participants,
  };
}

/**
 * Standards ordered by code, as flat rows: kept current from the view (a changed standard replaces
 * its row in place; a new one marks the order stale, re-sorted on the next query).
 */
export class StandardsIndex {
  private rows: StandardRow[] = [];
  private readonly position = new Map<string, number>();
  private sorted = true;

  upsert(id: string, s: StandardState): void {
    const row = toRow(id, s);
    const at = this.position.get(id);
    if (at !== undefined) {
      this.rows[at] = row;
      return;
    }
    this.position.set(id, this.rows.length);
    this.rows.push(row);
    this.sorted = false;
  }

  ordered(): readonly StandardRow[] {
    if (!this.sorted) {
      this.rows.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
      this.rows.forEach((r, i) => this.position.set(r.id, i));
      this.sorted = true;
    }
    return this.rows;
  }
}
