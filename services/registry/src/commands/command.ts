import type { Command } from '@highland/persistence';
import type { RegistryState } from '../domain/aggregates/state.js';

/** A registry command: input bound, decision against the aggregate's current entry (see @highland/persistence). */
export type RegistryCommand = Command<RegistryState>;

/**
 * The fields of a repeated command's event data that differ from what is recorded. A repeat that
 * differs is not "the same thing again": answering it `unchanged` would drop what it says
 * silently, so it is refused naming these fields instead. Fields the repeat leaves out say nothing.
 */
export function differingFields(recorded: object, data: object): string[] {
  const stored = recorded as Record<string, unknown>;
  return Object.entries(data)
    .filter(([k, v]) => JSON.stringify(stored[k]) !== JSON.stringify(v))
    .map(([k]) => k);
}

/** The problem's field list for `differingFields`: each named with the value on record. */
export function recordedAs(recorded: object, fields: string[]): Array<{ field: string; reason: string }> {
  const stored = recorded as Record<string, unknown>;
  return fields.map((f) => ({
    field: `body.${f}`,
    reason: stored[f] === undefined ? 'not on record' : `on record as ${JSON.stringify(stored[f])}`,
  }));
}
