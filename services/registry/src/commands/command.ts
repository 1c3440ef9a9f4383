import type { Command } from '@highland/persistence';
import type { RegistryState } from '../domain/aggregates/state.js';

/** A registry command: input bound, decision against the aggregate's current entry (see @highland/persistence). */
export type RegistryCommand = Command<RegistryState>;
