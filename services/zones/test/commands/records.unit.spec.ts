// The zone's standards (checked against the service's copy of registry facts), coverage, training.
import { describe, expect, it } from 'vitest';
import { applyStandards, type KnownStandard } from '../../src/commands/apply-standards.js';
import { approveZone, ApproveZoneInput } from '../../src/commands/approve-zone.js';
import { applyZone } from '../../src/commands/apply-zone.js';
import { revokeZone } from '../../src/commands/end-zone.js';
import { proposeZone, ProposeZoneInput } from '../../src/commands/propose-zone.js';
import { recordTraining } from '../../src/commands/record-training.js';
import { registerZone, RegisterZoneInput } from '../../src/commands/register-zone.js';
import { reportCoverage, ReportCoverageInput } from '../../src/commands/report-coverage.js';
import { standardKey } from '../../src/domain/standard-code.js';
import { agriculture, commerce, loquatZone, office, ZoneHarness, refused } from '../fixtures.js';

const registry = new Map<string, KnownStandard>(
  [
    { code: 'DB50/T 1234-2014', title: '枇杷栽培技术规程', stage: 'published' },
    { code: 'NY/T 5102-2002', title: '无公害食品 枇杷生产技术规程', stage: 'withdrawn' },
    { code: 'GB/T 19630-2019', title: '有机产品', stage: 'published' },
  ].map((s) => [standardKey(s.code), s]),
);
const lookup = (code: string) => registry.get(standardKey(code));

function proposed() {
  const h = new ZoneHarness();
  const p = proposeZone(ProposeZoneInput.parse(loquatZone), agriculture);
  h.run(p);
  return { h, id: p.aggregateId };
}

describe('standards of a zone', () => {
  it('records registry standards, normalised and sorted; the same set again is unchanged', () => {
    const { h, id } = proposed();
    const cmd = () =>
      applyStandards(
        id,
        { standards: ['gb/t 19630-2019', 'DB50/T 1234-2014'], on: '2024-02-01' },
        agriculture,
        lookup,
      );
    h.run(cmd());
    expect(h.zone.standards).toEqual([
      { code: 'DB50/T 1234-2014', title: '枇杷栽培技术规程' },
      { code: 'GB/T 19630-2019', title: '有机产品' },
    ]);
    expect(cmd().decide(h.entry)).toBeUndefined();
  });

  it('refuses unknown, withdrawn and repeated codes with 422 naming each field', () => {
    const { h, id } = proposed();
    const r = refused(() =>
      applyStandards(
        id,
        {
          standards: ['GB/T 0000-2000', 'NY/T 5102-2002', 'DB50/T 1234-2014', 'db50/t 1234-2014'],
          on: '2024-02-01',
        },
        agriculture,
        lookup,
      ).decide(h.entry),
    );
    expect(r.kind).toBe('unprocessable');
    expect(r.errors).toEqual([
      { field: 'body.standards.0', reason: '"GB/T 0000-2000" is not in the registry' },
      { field: 'body.standards.1', reason: 'NY/T 5102-2002 is withdrawn' },
      { field: 'body.standards.3', reason: 'DB50/T 1234-2014 is listed twice' },
    ]);
  });
});

describe('coverage and training', () => {
  it('takes coverage only once approved, within the zone’s area, one report a period', () => {
    const { h, id } = proposed();
    const figures = ReportCoverageInput.parse({
      period: '2024-H2',
      areaMu: 12000,
      households: 860,
      enterprises: 4,
      outputTenThousandYuan: 5400,
      standardCoveragePercent: 82,
    });
    expect(refused(() => reportCoverage(id, figures, agriculture).decide(h.entry)).kind).toBe('conflict');
    h.run(applyZone(id, { authority: 'SAC', level: 'national', appliedOn: '2024-03-01' }, agriculture));
    h.run(
      approveZone(
        id,
        ApproveZoneInput.parse({
          batch: 'b10',
          approvalDocument: 'doc',
          approvedOn: '2024-06-01',
          constructionFrom: '2024-07-01',
          constructionTo: '2027-06-30',
        }),
        agriculture,
      ),
    );
    h.run(reportCoverage(id, figures, agriculture));
    const { reason: _r, ...reported } = figures;
    expect(h.zone.coverage['2024-H2']).toEqual(reported);
    expect(reportCoverage(id, figures, agriculture).decide(h.entry)).toBeUndefined();
    h.run(reportCoverage(id, { ...figures, households: 900 }, agriculture));
    expect(h.zone.coverage['2024-H2']?.households).toBe(900);
    const tooBig = refused(() =>
      reportCoverage(id, { ...figures, areaMu: 20000 }, agriculture).decide(h.entry),
    );
    expect(tooBig).toMatchObject({ kind: 'unprocessable', errors: [{ field: 'body.areaMu' }] });
    expect(ReportCoverageInput.safeParse({ ...figures, period: '2024-Q5' }).success).toBe(false);
  });

  it('records a training session once, and not for another department or a closed zone', () => {
    const { h, id } = proposed();
    const session = { on: '2024-02-15', topic: 'loquat pruning to DB50/T 1234', attendees: 48 };
    h.run(recordTraining(id, session, agriculture));
    expect(h.zone.trainings).toEqual([session]);
    expect(recordTraining(id, session, agriculture).decide(h.entry)).toBeUndefined();
    expect(
      refused(() => recordTraining(id, { ...session, attendees: 50 }, commerce).decide(h.entry)).kind,
    ).toBe('forbidden');
    expect(
      refused(() => revokeZone(id, { on: '2024-03-01', grounds: 'x' }, office).decide(h.entry)).kind,
    ).toBe('conflict');
  });
});

describe('register an existing zone', () => {
  const row = {
    ...loquatZone,
    name: 'Shuangfeng peach zone',
    productLine: 'peach',
    town: 'Shuangfeng',
    levelSought: 'municipal',
    stage: 'passed',
    batch: '2019 municipal batch',
    approvalDocument: 'CQ-2019-88',
    approvedOn: '2019-05-01',
    constructionFrom: '2019-06-01',
    constructionTo: '2021-05-31',
    passedOn: '2021-07-01',
  };

  it('records it at its stage; the same row again changes nothing; another is a conflict', () => {
    const { proposedOn: _p, ...withoutProposal } = row;
    const h = new ZoneHarness();
    const cmd = () => registerZone(RegisterZoneInput.parse(withoutProposal), agriculture);
    h.run(cmd());
    expect(h.zone).toMatchObject({
      state: 'passed',
      registered: true,
      approval: { level: 'municipal', approvedOn: '2019-05-01' },
      passed: { on: '2021-07-01' },
    });
    expect(cmd().decide(h.entry)).toBeUndefined();
    const other = registerZone(RegisterZoneInput.parse({ ...withoutProposal, areaMu: 1 }), agriculture);
    expect(refused(() => other.decide(h.entry)).kind).toBe('conflict');
  });

  it('refuses a passed zone without its date, and dates before the approval', () => {
    const { proposedOn: _p, ...r } = row;
    const bad = RegisterZoneInput.safeParse({
      ...r,
      passedOn: undefined,
      constructionStartedOn: '2018-01-01',
    });
    expect(bad.error?.issues.map((i) => i.path.join('.')).sort()).toEqual([
      'constructionStartedOn',
      'passedOn',
    ]);
  });
});
