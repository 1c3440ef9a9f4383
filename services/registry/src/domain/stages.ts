import { isoStageCode, type IsoStageCode } from '@highland/reference-data';
import { NATIONAL_STAGES } from '@highland/contracts';
import { failure, type Failure } from './domain-error.js';

export { NATIONAL_STAGES };

/**
 * The simplified national path of a work item (plan issued → … → published), how it ends
 * (withdrawn or superseded once published, cancelled before), and its ISO harmonized equivalent.
 */
export type NationalStage = (typeof NATIONAL_STAGES)[number];

/** The stage a new work item starts in: the plan (立项) has been issued. */
export const INITIAL_STAGE: NationalStage = 'plan-issued';

const NEXT: Readonly<Record<NationalStage, readonly NationalStage[]>> = {
  'plan-issued': ['drafting', 'cancelled'],
  drafting: ['public-comment', 'cancelled'],
  'public-comment': ['review', 'cancelled'],
  // A draft that fails review goes back for redrafting (ISO's x.92 "repeat an earlier phase").
  review: ['approval', 'drafting', 'cancelled'],
  approval: ['published', 'cancelled'],
  published: ['withdrawn', 'superseded'],
  withdrawn: [],
  superseded: [],
  cancelled: [],
};

/** The nearest ISO harmonized stage code of each national stage. */
export const ISO_STAGE_OF: Readonly<Record<NationalStage, string>> = {
  'plan-issued': '10.99', // new project approved
  drafting: '20.00', // registered in the work programme; working drafts follow
  'public-comment': '40.20', // enquiry (DIS ballot) initiated
  review: '40.60', // close of voting: comments reviewed
  approval: '50.00', // final text registered for formal approval
  published: '60.60', // published
  withdrawn: '95.99', // withdrawal
  superseded: '95.99', // withdrawn on publication of its replacement
  cancelled: '30.98', // project cancelled
};

export function isNationalStage(value: string): value is NationalStage {
  return (NATIONAL_STAGES as readonly string[]).includes(value);
}

export function allowedNext(stage: NationalStage): readonly NationalStage[] {
  return NEXT[stage];
}

export function isFinalStage(stage: NationalStage): boolean {
  return NEXT[stage].length === 0;
}

/** The ISO harmonized stage (code and names, from the reference data) of a national stage. */
export function isoStageOf(stage: NationalStage): IsoStageCode {
  const iso = isoStageCode(ISO_STAGE_OF[stage]);
  if (!iso) throw new Error(`no ISO harmonized stage ${ISO_STAGE_OF[stage]} for '${stage}'`);
  return iso;
}

export interface StageTransition {
  from: NationalStage;
  to: NationalStage;
  isoStage: string;
}

export interface TransitionRefusal extends Failure {
  current: NationalStage;
  allowed: readonly NationalStage[];
}

/** Checks a move; the refusal names the current stage and the allowed next ones (the API's 409). */
export function transition(
  current: NationalStage,
  next: NationalStage,
): { ok: true; transition: StageTransition } | TransitionRefusal {
  const allowed = allowedNext(current);
  if (allowed.includes(next))
    return { ok: true, transition: { from: current, to: next, isoStage: ISO_STAGE_OF[next] } };
  const reason =
    allowed.length === 0
      ? `a work item in stage '${current}' is closed: it cannot move to '${next}'`
      : `cannot move from stage '${current}' to '${next}'; allowed next: ${allowed.join(', ')}`;
  return { ...failure(reason, { field: 'stage' }), current, allowed };
}
