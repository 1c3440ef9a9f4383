import { PlanDefinedV1, Rejection } from '@highland/contracts';
import { findPeriodOverlaps, parsePlan, type Plan, PlanSchema } from '../domain/plan.js';
import { SEED_PLAN_ID } from '../domain/seed-plan.js';
import type { CurrentPlans, ReportingCommand } from './command.js';

/** A plan as data (domain/plan.ts): its issues are named by their path, `body.indicators[0].target`. */
export const DefinePlanInput = PlanSchema;

/**
 * Defines (or redefines) a plan. The definition is recorded as sent, so a replay validates it
 * again with the rules of its day; plans reported side by side must not overlap in time.
 */
export function definePlan(input: unknown, plans: CurrentPlans): ReportingCommand & { plan: Plan } {
  const parsed = parsePlan(input);
  if (!parsed.ok) {
    throw Rejection.invalid(
      'the plan definition is invalid',
      parsed.issues.map((i) => ({ field: `body.${i.at}`.replace(/\.$/, ''), reason: i.message })),
    );
  }
  const plan = parsed.plan;
  return {
    plan,
    aggregateId: `plan-${plan.id}`,
    name: 'define plan',
    decide: () => {
      if (plan.id === SEED_PLAN_ID) {
        throw Rejection.conflict('the seed plan ships with Highland and cannot be redefined', [
          { field: 'body.id', reason: 'reserved' },
        ]);
      }
      const overlaps = findPeriodOverlaps(plan, plans().values());
      if (overlaps.length) {
        throw Rejection.conflict(
          'the plan period overlaps another plan',
          overlaps.map((o) => ({ field: `body.${o.at}`, reason: o.message })),
        );
      }
      return {
        contract: PlanDefinedV1,
        data: { planId: plan.id, period: plan.period, definition: input as Record<string, unknown> },
      };
    },
  };
}
