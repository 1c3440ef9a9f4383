import type { Command } from '@highland/persistence';
import type { TbtState } from '../aggregates/state.js';

/** A TBT command: input bound, decision against the aggregate's current entry (see @highland/persistence). */
export type TbtCommand = Command<TbtState>;
