import { describe, expect, it } from 'vitest';
import { remindDeadline } from '../../src/commands/remind-deadline.js';
import { applyZone } from '../../src/commands/apply-zone.js';
import { approveZone, ApproveZoneInput } from '../../src/commands/approve-zone.js';
import { decideAcceptance, DecideAcceptanceInput } from '../../src/commands/decide-acceptance.js';
import { proposeZone, ProposeZoneInput } from '../../src/commands/propose-zone.js';
import { scoreZoneInspection, ScoreInspectionInput } from '../../src/commands/score-inspection.js';
import { startConstruction } from '../../src/commands/start-construction.js';
import { daysBetween, deadlineOf, reminderDue } from '../../src/domain/deadlines.js';
import { defaultSheet } from '../../src/domain/scoring.js';
import { agriculture, loquatZone, ZoneHarness } from '../fixtures.js';

function underConstruction() {
  const h = new ZoneHarness();
  const p = proposeZone(ProposeZoneInput.parse(loquatZone), agriculture);
  h.run(p);
  const id = p.aggregateId;
  h.run(applyZone(id, { authority: 'SAC', level: 'national', appliedOn: '2021-03-01' }, agriculture));
  h.run(
    approveZone(
      id,
      ApproveZoneInput.parse({
        batch: 'b',
        approvalDocument: 'd',
        approvedOn: '2021-06-01',
        constructionFrom: '2021-07-01',
        constructionTo: '2024-06-30',
      }),
      agriculture,
    ),
  );
  h.run(startConstruction(id, { on: '2021-07-01' }, agriculture));
  return { h, id };
}

describe('deadlines and reminders', () => {
  it('counts whole days', () => {
    expect(daysBetween('2024-05-31', '2024-06-30')).toBe(30);
    expect(daysBetween('2024-07-01', '2024-06-30')).toBe(-1);
  });

  it('reminds the department in charge 30 then 7 days before acceptance is due, once each', () => {
    const { h, id } = underConstruction();
    expect(deadlineOf(h.zone)).toEqual({ milestone: 'acceptance', deadline: '2024-06-30' });
    expect(remindDeadline(id, '2024-05-30').decide(h.entry)).toBeUndefined(); // 31 days left
    const first = h.run(remindDeadline(id, '2024-05-31'));
    expect(first?.data).toEqual({
      milestone: 'acceptance',
      deadline: '2024-06-30',
      daysBefore: 30,
      daysLeft: 30,
      department: 'agriculture',
    });
    expect(remindDeadline(id, '2024-06-10').decide(h.entry)).toBeUndefined(); // 30-day one sent
    expect(h.run(remindDeadline(id, '2024-06-23'))?.data).toMatchObject({ daysBefore: 7, daysLeft: 7 });
    expect(remindDeadline(id, '2024-06-29').decide(h.entry)).toBeUndefined();
    expect(reminderDue(h.zone, '2024-07-01')).toBeUndefined(); // overdue: listed, not reminded
  });

  it('sends only the 7-day reminder for a deadline first seen within 7 days, and reminds a new rectification deadline afresh', () => {
    const { h, id } = underConstruction();
    const sheet = defaultSheet('agricultural', 80);
    const scores = sheet.sections
      .flatMap((s) => s.items)
      .map((it) => ({ item: it.id, inspector: 'Z', grade: it.id === 'proc.records' ? 0 : 1 }));
    h.run(
      scoreZoneInspection(
        id,
        ScoreInspectionInput.parse({ on: '2024-07-01', inspectors: ['Z'], scores }),
        agriculture,
        80,
      ),
    );
    expect(deadlineOf(h.zone)).toBeUndefined(); // inspected: the decision is pending, no deadline
    h.run(
      decideAcceptance(
        id,
        DecideAcceptanceInput.parse({
          outcome: 'rectification-required',
          on: '2024-07-02',
          deadline: '2024-07-06',
          shortcomings: 'records',
        }),
        agriculture,
      ),
    );
    expect(h.run(remindDeadline(id, '2024-07-02'))?.data).toMatchObject({
      milestone: 'rectification',
      daysBefore: 7,
      daysLeft: 4,
    });
    expect(remindDeadline(id, '2024-07-03').decide(h.entry)).toBeUndefined();
  });
});
