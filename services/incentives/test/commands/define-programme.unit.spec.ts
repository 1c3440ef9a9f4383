import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DefineProgrammeInput, defineProgramme } from '../../src/commands/define-programme.js';
import { programme, WAN } from '../fixtures.js';

const paths = (input: unknown) => {
  const r = DefineProgrammeInput.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('programmes as data', () => {
  it('accepts the default programmes shipped with the service, in fen', () => {
    const file = JSON.parse(
      readFileSync(new URL('../../data/default-programmes.json', import.meta.url), 'utf8'),
    ) as unknown[];
    expect(file.length).toBeGreaterThan(0);
    for (const p of file) expect(paths(p)).toEqual([]);
    const p = DefineProgrammeInput.parse(file[0]);
    const led = p.rules.find((r) => r.id === 'led-standard');
    expect(led?.fact === 'standard-drafted' && led.tiers.map((t) => t.amountFen)).toEqual([
      30 * WAN,
      20 * WAN,
      10 * WAN,
      3 * WAN,
      1.5 * WAN,
    ]);
  });

  it('refuses a malformed rule with its JSON path', () => {
    const p = programme();
    const broken = structuredClone(p) as unknown as {
      rules: Array<{ tiers: Array<Record<string, unknown>> }>;
    };
    broken.rules[0]!.tiers[1]!.amountFen = 12.5;
    broken.rules[1]!.tiers[0]!.roles = ['janitor'];
    expect(paths(broken)).toEqual([
      expect.stringMatching(/^rules\.0\.tiers\.1\.amountFen: /),
      expect.stringMatching(/^rules\.1\.tiers\.0\.roles\.0: /),
    ]);
    expect(paths({ ...p, rules: [{ ...p.rules[0], fact: 'lottery' }] })[0]).toMatch(/^rules\.0\.fact: /);
  });

  it('refuses what the shape alone cannot see: revisions over half, caps, repeated ids, window order', () => {
    const p = programme();
    expect(paths({ ...p, revisionPercent: 60 })).toEqual([expect.stringMatching(/^revisionPercent: /)]);
    expect(paths({ ...p, perApplicantCapFen: p.totalBudgetFen + 1 })).toContain(
      'perApplicantCapFen: larger than the total budget',
    );
    expect(paths({ ...p, rules: [p.rules[0], p.rules[0]] })).toContain(
      'rules.1.id: rule id "led-standard" repeated',
    );
    expect(paths({ ...p, window: { opens: '2026-05-01', closes: '2026-04-01' } })).toContain(
      'window.closes: before the window opens',
    );
    expect(paths({ ...p, kind: 'award' })).toContain('prizeTiers: an award needs its prize tiers');
  });

  it('records a programme, answers the same again unchanged, and refuses a budget below what is committed', () => {
    const p = DefineProgrammeInput.parse(programme());
    const cmd = defineProgramme(p, 0);
    const decision = cmd.decide(undefined)!;
    expect(decision.data).toEqual(p);
    const entry = {
      state: {
        kind: 'programme' as const,
        definition: p,
        definedBy: { department: 'office', user: 'x' },
        definedAt: '',
      },
      version: 1,
      streamSeq: 1,
    };
    expect(cmd.decide(entry)).toBeUndefined();
    expect(() => defineProgramme({ ...p, totalBudgetFen: 5 * WAN }, 6 * WAN).decide(entry)).toThrow(
      /already committed/,
    );
  });
});
