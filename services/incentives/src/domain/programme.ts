import type { FieldReason, ProgrammeDefinition } from '@highland/contracts';

/**
 * What the shape alone cannot say about a programme: ids unique, the window and period in order,
 * a cap within the budget. Each problem names its JSON path, like the shape's own.
 */
export function programmeProblems(
  p: ProgrammeDefinition,
): Array<{ path: (string | number)[]; reason: string }> {
  const problems: Array<{ path: (string | number)[]; reason: string }> = [];
  if (p.window.closes < p.window.opens)
    problems.push({ path: ['window', 'closes'], reason: 'before the window opens' });
  if (p.factsPeriod.to < p.factsPeriod.from)
    problems.push({ path: ['factsPeriod', 'to'], reason: 'before the period starts' });
  if (p.perApplicantCapFen > p.totalBudgetFen)
    problems.push({ path: ['perApplicantCapFen'], reason: 'larger than the total budget' });
  if (p.yearlyCapPerEnterpriseFen !== undefined && p.yearlyCapPerEnterpriseFen < p.perApplicantCapFen)
    problems.push({ path: ['yearlyCapPerEnterpriseFen'], reason: 'smaller than the per-applicant cap' });
  if (p.kind === 'award' && !p.prizeTiers?.length)
    problems.push({ path: ['prizeTiers'], reason: 'an award needs its prize tiers' });
  const ruleIds = new Set<string>();
  p.rules.forEach((rule, i) => {
    if (ruleIds.has(rule.id))
      problems.push({ path: ['rules', i, 'id'], reason: `rule id "${rule.id}" repeated` });
    ruleIds.add(rule.id);
    if (rule.fact === 'higher-level-grant') return;
    const tierIds = new Set<string>();
    rule.tiers.forEach((tier, t) => {
      if (tierIds.has(tier.id))
        problems.push({ path: ['rules', i, 'tiers', t, 'id'], reason: `tier id "${tier.id}" repeated` });
      tierIds.add(tier.id);
      if (tier.amountFen > p.perApplicantCapFen)
        problems.push({
          path: ['rules', i, 'tiers', t, 'amountFen'],
          reason: 'larger than the per-applicant cap',
        });
      if (rule.fact === 'standard-drafted') {
        const st = rule.tiers[t]!;
        if (st.localScope && !st.levels.includes('local'))
          problems.push({
            path: ['rules', i, 'tiers', t, 'localScope'],
            reason: "only for the level 'local'",
          });
      }
    });
  });
  const criteria = new Set<string>();
  p.criteria.forEach((c, i) => {
    if (criteria.has(c.id))
      problems.push({ path: ['criteria', i, 'id'], reason: `criterion "${c.id}" repeated` });
    criteria.add(c.id);
  });
  if (p.reviewsRequired > 0 && p.criteria.length === 0)
    problems.push({ path: ['criteria'], reason: 'reviews are required but there is nothing to score' });
  return problems;
}

export const asFieldReasons = (
  prefix: string,
  problems: ReturnType<typeof programmeProblems>,
): FieldReason[] =>
  problems.map((p) => ({ field: [prefix, ...p.path.map(String)].join('.'), reason: p.reason }));
