// Every command's decision against the zone it changes: accepted (with everything the input was
// accepted with in the event), unchanged when repeated, and each refusal with its kind and field.
import { describe, expect, it } from 'vitest';
import { applyZone, ApplyZoneInput } from '../../src/commands/apply-zone.js';
import { approveZone, ApproveZoneInput } from '../../src/commands/approve-zone.js';
import { decideAcceptance, DecideAcceptanceInput } from '../../src/commands/decide-acceptance.js';
import { expireZone, revokeZone } from '../../src/commands/end-zone.js';
import { proposeZone, ProposeZoneInput } from '../../src/commands/propose-zone.js';
import { reviewMidterm } from '../../src/commands/review-midterm.js';
import { scoreZoneInspection, ScoreInspectionInput } from '../../src/commands/score-inspection.js';
import { startConstruction } from '../../src/commands/start-construction.js';
import { defaultSheet, type ScoreInput } from '../../src/domain/scoring.js';
import { agriculture, commerce, loquatZone, office, ZoneHarness, refused } from '../fixtures.js';

const sheet = defaultSheet('agricultural', 80);
const scores = (grade: 1 | 0.5 | 0, low: string[] = []): ScoreInput[] =>
  sheet.sections
    .flatMap((s) => s.items)
    .map((it) => ({ item: it.id, inspector: 'Zhang San', grade: low.includes(it.id) ? grade : 1 }));
const inspection = (on: string, low: string[] = []) =>
  ScoreInspectionInput.parse({ on, inspectors: ['Zhang San', 'Li Si'], scores: scores(0, low) });

/** A zone proposed, applied, approved and under construction. */
function built(): { h: ZoneHarness; id: string } {
  const h = new ZoneHarness();
  const propose = proposeZone(ProposeZoneInput.parse(loquatZone), agriculture);
  h.run(propose);
  const id = propose.aggregateId;
  h.run(
    applyZone(
      id,
      ApplyZoneInput.parse({ authority: 'SAC', level: 'national', appliedOn: '2021-03-01' }),
      agriculture,
    ),
  );
  h.run(
    approveZone(
      id,
      ApproveZoneInput.parse({
        batch: 'the 10th national batch',
        approvalDocument: 'GB-SAC-2021-17',
        approvedOn: '2021-06-01',
        constructionFrom: '2021-07-01',
        constructionTo: '2024-06-30',
      }),
      agriculture,
    ),
  );
  h.run(startConstruction(id, { on: '2021-07-01', taskBook: 'TB-2021-3' }, agriculture));
  return { h, id };
}

describe('propose', () => {
  it('records the profile with hectares derived and the proposing department in charge', () => {
    const d = proposeZone(ProposeZoneInput.parse(loquatZone), agriculture).decide(undefined);
    expect(d?.contract.type).toBe('zones.zone-proposed');
    expect(d?.data).toEqual({
      ...loquatZone,
      areaHectares: 1000,
      department: 'agriculture',
    });
  });

  it('answers the same proposal again unchanged, and another zone of the same name as a conflict', () => {
    const h = new ZoneHarness();
    h.run(proposeZone(ProposeZoneInput.parse(loquatZone), agriculture));
    expect(proposeZone(ProposeZoneInput.parse(loquatZone), agriculture).decide(h.entry)).toBeUndefined();
    const r = refused(() =>
      proposeZone(ProposeZoneInput.parse({ ...loquatZone, areaMu: 9000 }), agriculture).decide(h.entry),
    );
    expect(r).toMatchObject({ kind: 'conflict', errors: [{ field: 'body.name' }] });
  });

  it('lets a department propose only for itself, and makes the office name the department', () => {
    expect(
      refused(() =>
        proposeZone(ProposeZoneInput.parse({ ...loquatZone, department: 'commerce' }), agriculture),
      ),
    ).toMatchObject({ kind: 'forbidden', errors: [{ field: 'body.department' }] });
    expect(refused(() => proposeZone(ProposeZoneInput.parse(loquatZone), office))).toMatchObject({
      kind: 'invalid',
      errors: [{ field: 'body.department' }],
    });
    const d = proposeZone(
      ProposeZoneInput.parse({ ...loquatZone, department: 'agriculture' }),
      office,
    ).decide(undefined);
    expect(d?.data).toMatchObject({ department: 'agriculture' });
  });

  it('refuses impossible input naming each field', () => {
    const r = ProposeZoneInput.safeParse({
      ...loquatZone,
      areaMu: -3,
      location: { lat: 95, lon: 105 },
      kind: 'forest',
      proposedOn: '2021-02-30',
      extra: 1,
    });
    expect(r.success).toBe(false);
    const paths = r.error!.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['areaMu', 'location.lat', 'kind', 'proposedOn', '']));
  });
});

describe('lifecycle commands', () => {
  it('puts every accepted field into each event, in order, and repeats are unchanged', () => {
    const { h, id } = built();
    expect(h.types).toEqual([
      'zones.zone-proposed',
      'zones.zone-applied',
      'zones.zone-approved',
      'zones.zone-construction-started',
    ]);
    expect(h.zone).toMatchObject({
      state: 'under-construction',
      application: { authority: 'SAC', level: 'national', appliedOn: '2021-03-01' },
      approval: { level: 'national', batch: 'the 10th national batch', approvalDocument: 'GB-SAC-2021-17' },
      construction: { on: '2021-07-01', taskBook: 'TB-2021-3' },
    });
    expect(h.zone.steps.map((s) => [s.from, s.to])).toEqual([
      [undefined, 'proposed'],
      ['proposed', 'applied'],
      ['applied', 'approved'],
      ['approved', 'under-construction'],
    ]);
    expect(
      startConstruction(id, { on: '2021-07-01', taskBook: 'TB-2021-3' }, agriculture).decide(h.entry),
    ).toBeUndefined();
  });

  it('answers an invalid move 409 naming the current state and the allowed next ones', () => {
    const { h, id } = built();
    const r = refused(() =>
      approveZone(
        id,
        ApproveZoneInput.parse({
          batch: 'b',
          approvalDocument: 'd',
          approvedOn: '2021-08-01',
          constructionFrom: '2021-08-01',
          constructionTo: '2022-08-01',
        }),
        agriculture,
      ).decide(h.entry),
    );
    expect(r.kind).toBe('conflict');
    expect(r.extra).toEqual({
      currentState: 'under-construction',
      allowedNext: ['midterm-reviewed', 'inspected', 'revoked'],
    });
    expect(r.message).toContain('under-construction');
  });

  it('refuses a step dated before the previous one', () => {
    const { h, id } = built();
    const r = refused(() =>
      reviewMidterm(id, { on: '2021-06-15', assessment: 'on-track', findings: 'ok' }, agriculture).decide(
        h.entry,
      ),
    );
    expect(r).toMatchObject({ kind: 'conflict', errors: [{ field: 'body.on' }] });
  });

  it('lets only the department in charge or the office change a zone; an unknown zone is not found', () => {
    const { h, id } = built();
    const review = (who: typeof agriculture) =>
      reviewMidterm(id, { on: '2022-07-01', assessment: 'on-track', findings: 'ok' }, who);
    expect(refused(() => review(commerce).decide(h.entry))).toMatchObject({
      kind: 'forbidden',
      extra: { departmentInCharge: 'agriculture' },
    });
    expect(review(office).decide(h.entry)?.contract.type).toBe('zones.zone-midterm-reviewed');
    expect(refused(() => review(agriculture).decide(undefined))).toMatchObject({ kind: 'not-found' });
  });

  it('refuses approval input with an impossible construction period', () => {
    const r = ApproveZoneInput.safeParse({
      batch: 'b',
      approvalDocument: 'd',
      approvedOn: '2021-06-01',
      constructionFrom: '2021-05-01',
      constructionTo: '2021-04-01',
    });
    expect(r.error?.issues.map((i) => i.path.join('.')).sort()).toEqual([
      'constructionFrom',
      'constructionTo',
    ]);
  });
});

describe('inspection and acceptance', () => {
  it('scores an inspection, computing the totals, and passes a zone that met the pass mark', () => {
    const { h, id } = built();
    h.run(reviewMidterm(id, { on: '2022-07-01', assessment: 'on-track', findings: 'ok' }, agriculture));
    const d = h.run(scoreZoneInspection(id, inspection('2024-07-10', ['pub.media']), agriculture, 80));
    expect(d?.data).toMatchObject({
      inspection: 1,
      total: 95,
      maxTotal: 100,
      percent: 95,
      meetsPassMark: true,
    });
    expect(h.zone.state).toBe('inspected');
    // the same inspection again is already recorded
    expect(
      scoreZoneInspection(id, inspection('2024-07-10', ['pub.media']), agriculture, 80).decide(h.entry),
    ).toBeUndefined();
    const refusedOutcome = refused(() =>
      decideAcceptance(
        id,
        DecideAcceptanceInput.parse({ outcome: 'failed', on: '2024-07-11', grounds: 'x' }),
        agriculture,
      ).decide(h.entry),
    );
    expect(refusedOutcome).toMatchObject({ kind: 'conflict', errors: [{ field: 'body.outcome' }] });
    h.run(
      decideAcceptance(
        id,
        DecideAcceptanceInput.parse({ outcome: 'passed', on: '2024-07-11', certificate: 'C-1' }),
        agriculture,
      ),
    );
    expect(h.zone).toMatchObject({
      state: 'passed',
      passed: { on: '2024-07-11', inspection: 1, certificate: 'C-1' },
    });
    h.run(expireZone(id, { on: '2026-07-11' }, office));
    expect(h.zone.state).toBe('expired');
  });

  it('loops through rectification and re-inspection until the zone passes; history is kept', () => {
    const { h, id } = built();
    // key item not met: 95 % but cannot pass
    h.run(scoreZoneInspection(id, inspection('2024-07-10', ['proc.records']), agriculture, 80));
    const pass = () =>
      decideAcceptance(id, DecideAcceptanceInput.parse({ outcome: 'passed', on: '2024-07-11' }), agriculture);
    expect(refused(() => pass().decide(h.entry)).message).toContain('proc.records');
    const rectify = (on: string, deadline: string) =>
      decideAcceptance(
        id,
        DecideAcceptanceInput.parse({
          outcome: 'rectification-required',
          on,
          deadline,
          shortcomings: 'records',
        }),
        agriculture,
      );
    h.run(rectify('2024-07-11', '2024-10-31'));
    expect(h.zone.state).toBe('rectification-required');
    expect(rectify('2024-07-11', '2024-10-31').decide(h.entry)).toBeUndefined();
    h.run(scoreZoneInspection(id, inspection('2024-11-05', ['proc.records']), agriculture, 80));
    h.run(rectify('2024-11-06', '2025-01-31'));
    h.run(scoreZoneInspection(id, inspection('2025-02-05'), agriculture, 80));
    h.run(
      decideAcceptance(id, DecideAcceptanceInput.parse({ outcome: 'passed', on: '2025-02-06' }), agriculture),
    );
    expect(h.zone.state).toBe('passed');
    expect(h.zone.inspections.map((i) => [i.inspection, i.meetsPassMark])).toEqual([
      [1, false],
      [2, false],
      [3, true],
    ]);
    expect(h.zone.rectifications.map((r) => r.deadline)).toEqual(['2024-10-31', '2025-01-31']);
    expect(h.zone.steps.map((s) => s.to).slice(-6)).toEqual([
      'inspected',
      'rectification-required',
      'inspected',
      'rectification-required',
      'inspected',
      'passed',
    ]);
  });

  it('fails a zone that did not meet the pass mark; failed is final', () => {
    const { h, id } = built();
    h.run(
      scoreZoneInspection(
        id,
        inspection('2024-07-10', ['std.system', 'proc.records', 'res.implementation']),
        agriculture,
        80,
      ),
    );
    h.run(
      decideAcceptance(
        id,
        DecideAcceptanceInput.parse({ outcome: 'failed', on: '2024-07-11', grounds: 'no records' }),
        agriculture,
      ),
    );
    expect(h.zone.state).toBe('failed');
    const r = refused(() => revokeZone(id, { on: '2024-08-01', grounds: 'x' }, office).decide(h.entry));
    expect(r.extra).toEqual({ currentState: 'failed', allowedNext: [] });
  });

  it('refuses a rectification deadline not after the decision, and an inspection before construction', () => {
    expect(
      DecideAcceptanceInput.safeParse({
        outcome: 'rectification-required',
        on: '2024-07-11',
        deadline: '2024-07-11',
        shortcomings: 'x',
      }).error?.issues[0]?.path,
    ).toEqual(['deadline']);
    const h = new ZoneHarness();
    const p = proposeZone(ProposeZoneInput.parse(loquatZone), agriculture);
    h.run(p);
    const r = refused(() =>
      scoreZoneInspection(p.aggregateId, inspection('2021-02-01'), agriculture, 80).decide(h.entry),
    );
    expect(r.extra).toEqual({ currentState: 'proposed', allowedNext: ['applied'] });
  });
});
