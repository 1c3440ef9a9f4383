import type { CitedItem, EligibilityRule, FieldReason, ProgrammeDefinition } from '@highland/contracts';
import type { Facts, RegistryFact, StandardFact, ZoneFact } from './facts.js';
import { codeKey, normaliseName, sameName, seriesOf } from './names.js';

export interface RuleCheck {
  item: number;
  rule: string;
  tier?: string;
  passed: boolean;
  reason: string;
  amountFen: number;
}

export interface ItemOutcome {
  item: number;
  /** What is claimed: at most one application holds it per programme (see ids.claimId). */
  key: string;
  eligible: boolean;
  rule?: string;
  tier?: string;
  amountFen: number;
  reason: string;
}

export interface Eligibility {
  eligible: boolean;
  outcomes: ItemOutcome[];
  /** Every rule tried on every item, passed or failed, with why. */
  checks: RuleCheck[];
  /** Sum of the eligible items. */
  requestedFen: number;
  /** The sum after the per-applicant and yearly caps. */
  eligibleFen: number;
  /** One per ineligible item, naming its field: what a refused application answers. */
  errors: FieldReason[];
}

type Subject =
  | { kind: 'registry'; id: string; fact: RegistryFact }
  | { kind: 'zone'; id: string; fact: ZoneFact }
  | { kind: 'grant'; ref: string; grantFen?: number };

const REGISTRY_ID = /^(std|seat|fil|cert|kp)-[A-Za-z0-9_-]{22}$/;

function resolve(item: CitedItem, facts: Facts, applicant: string): Subject | string {
  if (item.source === 'grant') return { kind: 'grant', ref: item.ref, grantFen: item.grantFen };
  if (item.source === 'zones') {
    const zone = facts.zone(item.ref);
    return zone ? { kind: 'zone', id: item.ref, fact: zone } : `no zone ${item.ref} is known`;
  }
  // a code names a standard, else the applicant's own filing of that code
  const id = REGISTRY_ID.test(item.ref)
    ? item.ref
    : (facts.standardIdByCode(item.ref) ?? facts.filingId(applicant, item.ref));
  const fact = id ? facts.registryItem(id) : undefined;
  if (!id || !fact) return `no registry item or standard "${item.ref}" is known`;
  return { kind: 'registry', id, fact };
}

const inPeriod = (date: string | undefined, p: ProgrammeDefinition) =>
  date !== undefined && date >= p.factsPeriod.from && date <= p.factsPeriod.to;
const period = (p: ProgrammeDefinition) => `${p.factsPeriod.from}..${p.factsPeriod.to}`;

/** Which rule kinds can reward a subject. */
function rulesFor(subject: Subject, rules: EligibilityRule[]): EligibilityRule[] {
  const facts: string[] = [];
  if (subject.kind === 'grant') facts.push('higher-level-grant');
  else if (subject.kind === 'zone') facts.push('zone');
  else {
    const f = subject.fact;
    if (f.kind === 'standard') {
      facts.push('standard-drafted');
      if (f.work.kind === 'adopt') facts.push('standard-adopted');
    } else if (f.kind === 'committee-seat') facts.push('committee-seat');
    else if (f.kind === 'filing') facts.push('enterprise-filing');
    else if (f.kind === 'certification') facts.push('certification');
  }
  return rules.filter((r) => facts.includes(r.fact));
}

/** The claim key: what a second application (or a second applicant) may not claim again. */
function claimKey(subject: Subject, item: CitedItem, p: ProgrammeDefinition): string {
  if (subject.kind === 'grant') return `grant:${subject.ref.trim().toLowerCase()}`;
  if (subject.kind === 'zone') return `zone:${normaliseName(subject.fact.name)}`;
  const f = subject.fact;
  if (f.kind === 'standard') {
    const what = p.seriesOnce ? `series:${seriesOf(f.code)}` : `standard:${codeKey(f.code)}`;
    return `${what}|${item.role ?? 'first'}`;
  }
  return `registry:${subject.id}`;
}

const localScopeOf = (body: string) => (/^DB\d{4}$/.test(body) ? 'municipal' : 'provincial');
const committeeKindOf = (committee: string) =>
  /\/WG\s*\d/i.test(committee) ? 'WG' : /\/SC\s*\d/i.test(committee) ? 'SC' : 'TC';

/** Who the fact names for the role claimed; undefined when the fact names nobody in that role. */
function holderOf(f: RegistryFact, role: 'first' | 'second'): string | undefined {
  switch (f.kind) {
    case 'standard':
      return role === 'first' ? f.leadOrganisation : f.participants[0];
    case 'committee-seat':
      return f.memberKind === 'enterprise' ? f.holder : undefined;
    case 'filing':
    case 'certification':
    case 'key-product':
      return f.enterprise;
  }
}

function standardTimely(f: StandardFact, p: ProgrammeDefinition): string | undefined {
  if (f.withdrawnOn) return `withdrawn on ${f.withdrawnOn}`;
  if (f.stage !== 'published') return `not published (stage ${f.stage})`;
  if (!inPeriod(f.publishedOn, p)) return `published on ${f.publishedOn ?? '?'}, outside ${period(p)}`;
  return undefined;
}

/** Checks one rule's tiers against one subject: a check per tier. */
function checkRule(
  index: number,
  subject: Subject,
  item: CitedItem,
  applicant: string,
  rule: EligibilityRule,
  p: ProgrammeDefinition,
  facts: Facts,
): RuleCheck[] {
  const fail = (reason: string, tier?: string): RuleCheck => ({
    item: index,
    rule: rule.id,
    ...(tier ? { tier } : {}),
    passed: false,
    reason,
    amountFen: 0,
  });
  const pass = (reason: string, amountFen: number, tier?: string): RuleCheck => ({
    item: index,
    rule: rule.id,
    ...(tier ? { tier } : {}),
    passed: true,
    reason,
    amountFen,
  });
  const role = item.role ?? 'first';

  if (rule.fact === 'higher-level-grant') {
    if (subject.kind !== 'grant') return [fail('not a grant')];
    if (!subject.grantFen) return [fail('the grant amount (grantFen) is missing')];
    const amount = Math.floor((subject.grantFen * rule.topUpPercent) / 100);
    return [
      pass(`${rule.topUpPercent} % top-up of a declared grant; the office checks the document`, amount),
    ];
  }

  if (rule.fact === 'zone') {
    if (subject.kind !== 'zone') return [fail('not a zone')];
    const z = subject.fact;
    return rule.tiers.map((t) => {
      if (!sameName(z.undertaking, applicant))
        return fail(`the zone is undertaken by ${z.undertaking ?? 'nobody known'}`, t.id);
      if (z.revokedOn) return fail(`revoked on ${z.revokedOn}`, t.id);
      if (!z.passedLevel) return fail('not passed (accepted) yet', t.id);
      if (!inPeriod(z.passedOn, p)) return fail(`passed on ${z.passedOn ?? '?'}, outside ${period(p)}`, t.id);
      if (!t.zoneLevels.includes(z.passedLevel as never))
        return fail(`passed at ${z.passedLevel} level, not ${t.zoneLevels.join('/')}`, t.id);
      if (!t.zoneKinds.includes(z.zoneKind as never))
        return fail(`a ${z.zoneKind} zone, not ${t.zoneKinds.join('/')}`, t.id);
      return pass(`${z.zoneKind} zone passed at ${z.passedLevel} level on ${z.passedOn}`, t.amountFen, t.id);
    });
  }

  if (subject.kind !== 'registry') return [fail('not a registry item')];
  const f = subject.fact;
  const holder = holderOf(f, role);
  if (!sameName(holder, applicant))
    return [
      fail(
        `the ${f.kind === 'standard' ? `${role} drafting unit` : 'holder'} is ${holder ?? 'not recorded'}, not the applicant`,
      ),
    ];

  switch (rule.fact) {
    case 'standard-drafted': {
      if (f.kind !== 'standard') return [fail('not a standard')];
      const late = standardTimely(f, p);
      return rule.tiers.map((t) => {
        if (late) return fail(late, t.id);
        if (!t.levels.includes(f.level)) return fail(`level ${f.level}, not ${t.levels.join('/')}`, t.id);
        if (t.localScope && localScopeOf(f.body) !== t.localScope)
          return fail(`a ${localScopeOf(f.body)} local standard (${f.body}), not ${t.localScope}`, t.id);
        if (t.ccsPrefixes && !f.ccs.some((c) => t.ccsPrefixes!.some((pre) => c.startsWith(pre))))
          return fail(`CCS ${f.ccs.join(', ') || 'none'} outside ${t.ccsPrefixes.join('/')}`, t.id);
        const second = f.participants.length > 0;
        let amount = t.amountFen;
        let how = second ? 'with a second drafting unit' : 'sole drafting unit';
        if (second && t.split) amount = role === 'first' ? t.split.firstFen : t.split.secondFen;
        else if (role === 'second') return fail('this tier rewards only the first drafting unit', t.id);
        if (f.work.kind === 'revise') {
          amount = Math.floor((amount * p.revisionPercent) / 100);
          how += `, a revision: ${p.revisionPercent} %`;
        }
        return pass(
          `${f.level} standard ${f.code} published ${f.publishedOn}, ${role} drafting unit (${how})`,
          amount,
          t.id,
        );
      });
    }
    case 'standard-adopted': {
      if (f.kind !== 'standard' || !f.work.adopts) return [fail('not an adoption')];
      const late = standardTimely(f, p);
      const adopts = f.work.adopts;
      return rule.tiers.map((t) => {
        if (late) return fail(late, t.id);
        if (!t.degrees.includes(adopts.degree))
          return fail(`adopted ${adopts.degree}, not ${t.degrees.join('/')}`, t.id);
        if (t.keyProductOnly && !facts.keyProductAdopting(f.code))
          return fail('no key product of the registry adopts it', t.id);
        return pass(`adopts ${adopts.code} (${adopts.degree})`, t.amountFen, t.id);
      });
    }
    case 'committee-seat': {
      if (f.kind !== 'committee-seat') return [fail('not a committee seat')];
      return rule.tiers.map((t) => {
        if (!f.active && (f.to ?? '') < p.factsPeriod.from) return fail(`the seat ended on ${f.to}`, t.id);
        if (f.from > p.factsPeriod.to) return fail(`the seat starts on ${f.from}, after ${period(p)}`, t.id);
        if (f.committeeLevel !== t.committeeLevel)
          return fail(`a ${f.committeeLevel} committee, not ${t.committeeLevel}`, t.id);
        const ck = committeeKindOf(f.committee);
        if (!t.committeeKinds.includes(ck))
          return fail(`${f.committee} is a ${ck}, not ${t.committeeKinds.join('/')}`, t.id);
        if (!t.roles.includes(f.role)) return fail(`role ${f.role}, not ${t.roles.join('/')}`, t.id);
        return pass(`${f.role} of ${f.committee}`, t.amountFen, t.id);
      });
    }
    case 'enterprise-filing': {
      if (f.kind !== 'filing') return [fail('not a filing')];
      return rule.tiers.map((t) =>
        inPeriod(f.filedOn, p)
          ? pass(`filed ${f.standardCode} on ${f.filedOn}`, t.amountFen, t.id)
          : fail(`filed on ${f.filedOn}, outside ${period(p)}`, t.id),
      );
    }
    case 'certification': {
      if (f.kind !== 'certification') return [fail('not a certification')];
      return rule.tiers.map((t) => {
        if (!inPeriod(f.certifiedOn, p))
          return fail(`certified on ${f.certifiedOn}, outside ${period(p)}`, t.id);
        if (!t.levels.includes(f.level)) return fail(`level ${f.level}, not ${t.levels.join('/')}`, t.id);
        if (t.authorityLevels && !t.authorityLevels.includes(f.authorityLevel))
          return fail(`certified at ${f.authorityLevel} level, not ${t.authorityLevels.join('/')}`, t.id);
        return pass(`${f.level} certified on ${f.certifiedOn}`, t.amountFen, t.id);
      });
    }
    default:
      return [fail('no check for this rule')];
  }
}

/**
 * Checks every cited item against every rule that could reward it, and says why each passed or
 * failed. Pure: the facts and what the applicant already holds this year are given.
 */
export function evaluate(
  p: ProgrammeDefinition,
  applicant: string,
  items: CitedItem[],
  facts: Facts,
  committedThisYearFen = 0,
): Eligibility {
  const outcomes: ItemOutcome[] = [];
  const checks: RuleCheck[] = [];
  const errors: FieldReason[] = [];
  const keys = new Set<string>();
  items.forEach((item, i) => {
    const subject = resolve(item, facts, applicant);
    if (typeof subject === 'string') {
      outcomes.push({ item: i, key: `unknown:${item.ref}`, eligible: false, amountFen: 0, reason: subject });
      errors.push({ field: `body.items.${i}.ref`, reason: subject });
      return;
    }
    const key = claimKey(subject, item, p);
    const candidates = rulesFor(subject, p.rules);
    const own = candidates.flatMap((r) => checkRule(i, subject, item, applicant, r, p, facts));
    checks.push(...own);
    const best = own.filter((c) => c.passed).sort((a, b) => b.amountFen - a.amountFen)[0];
    let reason: string;
    if (!candidates.length) reason = `no rule of programme ${p.id} rewards this item`;
    else if (!best) reason = own.map((c) => `${c.rule}${c.tier ? `/${c.tier}` : ''}: ${c.reason}`).join('; ');
    else if (keys.has(key))
      reason = key.startsWith('series:')
        ? 'a standard series is rewarded once'
        : 'cited twice in this application';
    else reason = best.reason;
    const eligible = !!best && !keys.has(key);
    keys.add(key);
    outcomes.push({
      item: i,
      key,
      eligible,
      ...(best ? { rule: best.rule } : {}),
      ...(best?.tier ? { tier: best.tier } : {}),
      amountFen: eligible ? best.amountFen : 0,
      reason,
    });
    if (!eligible) errors.push({ field: `body.items.${i}.ref`, reason });
  });
  const requestedFen = outcomes.reduce((s, o) => s + o.amountFen, 0);
  let eligibleFen = Math.min(requestedFen, p.perApplicantCapFen);
  if (p.yearlyCapPerEnterpriseFen !== undefined)
    eligibleFen = Math.max(0, Math.min(eligibleFen, p.yearlyCapPerEnterpriseFen - committedThisYearFen));
  return { eligible: errors.length === 0, outcomes, checks, requestedFen, eligibleFen, errors };
}
