import type { Command } from '@highland/persistence';
import type { IncentivesState } from '../domain/state.js';

/** An incentives command: input bound, decision against the aggregate's current entry. */
export type IncentivesCommand = Command<IncentivesState>;
