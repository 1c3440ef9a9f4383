import type { Command } from '@highland/persistence';
import type { Plan } from '../domain/plan.js';
import type { OwnState } from '../view/own-aggregates.js';

/** A reporting command: input bound, decision against its own aggregate (see @highland/persistence). */
export type ReportingCommand = Command<OwnState>;

/** The plans as the view holds them when a decision is taken (read then, not when the command is made). */
export type CurrentPlans = () => ReadonlyMap<string, Plan>;
