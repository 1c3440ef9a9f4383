// The incentives API end to end in-process against real NATS and the store, with the registry
// publishing the facts: eligibility, the double-claim guard, review with conflicts of interest,
// the budget, payments and their export.
import { testNames } from '@highland/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { programme, WAN } from '../fixtures.js';
import { type Client, daysAgo, platform } from './harness.js';

const names = testNames(import.meta.url);
let p: Awaited<ReturnType<typeof platform>>;
let office: Client;
let gulou: Client;
let rival: Client;
let wang: Client;
let li: Client;
let zhang: Client;
let finance: Client;
const PROG = programme({ id: 'api-awards' });

const nationalStandard = {
  code: 'GB/T 41001-2025',
  title: { zh: '数控机床 可靠性评定', en: 'NC machine tools — reliability' },
  ics: ['25.040.20'],
  ccs: ['J07'],
  sector: 'machinery',
  work: { kind: 'formulate' },
  stage: 'published',
  publishedOn: daysAgo(30),
  leadOrganisation: 'Gulou Machinery Co',
  participants: ['Rival Instruments Co'],
};

beforeAll(async () => {
  p = await platform(names, 2);
  office = p.office[0]!;
  [gulou] = await p.participant('gulou', 'enterprise', 'Gulou Machinery Co');
  [rival] = await p.participant('rival', 'enterprise', 'Rival Instruments Co');
  [wang] = await p.participant('wang', 'reviewer', 'Wang Fang', 'Chongqing University');
  [li] = await p.participant('li', 'reviewer', 'Li Ming', 'Standards Institute');
  [zhang] = await p.participant('zhang', 'reviewer', 'Zhang Wei', 'Gulou Machinery Co');
  [finance] = await p.participant('fin', 'finance', 'District finance bureau');
  const std = await p.registry.post('/standards', nationalStandard);
  expect(std.status).toBe(201);
}, 120_000);
afterAll(async () => {
  await p?.close();
});

describe('incentives API', () => {
  it('refuses a malformed programme naming the JSON path of the rule, and stores nothing', async () => {
    const bad = structuredClone(PROG) as unknown as {
      rules: Array<{ tiers: Array<Record<string, unknown>> }>;
    };
    bad.rules[0]!.tiers[0]!.amountFen = 30.5;
    const res = await office.post('/programmes', bad);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'body.rules.0.tiers.0.amountFen' })]);
    expect((await office.get(`/programmes/${PROG.id}`)).status).toBe(404);
  });

  it('defines a programme, and the same again is unchanged', async () => {
    const res = await office.post('/programmes', PROG);
    expect(res.status).toBe(201);
    expect(res.body.event.type).toBe('incentives.programme-defined');
    expect((await office.post('/programmes', PROG)).body.status).toBe('unchanged');
    const got = await gulou.get(`/programmes/${PROG.id}`);
    expect(got.body.budget).toMatchObject({ totalFen: 1000 * WAN, remainingFen: 1000 * WAN });
  });

  it('explains eligibility against the registry facts: every rule passed or failed', async () => {
    const res = await gulou.post(`/programmes/${PROG.id}/eligibility`, {
      items: [{ source: 'registry', ref: 'gb/t 41001—2025' }],
    });
    expect(res.status).toBe(200);
    expect(res.body.outcomes[0]).toMatchObject({ eligible: true, tier: 'national', amountFen: 25 * WAN });
    expect(res.body.checks).toHaveLength(5);
    expect(res.body.checks.filter((c: { passed: boolean }) => !c.passed)).toHaveLength(4);
  });

  let gulouApp: string;
  it('drafts an application; unknown or ineligible items are a 4xx naming the item, with nothing stored', async () => {
    const before = (await office.get('/applications')).body.total as number;
    const unknown = await gulou.post('/applications', {
      programmeId: PROG.id,
      items: [
        { source: 'registry', ref: 'GB/T 41001-2025' },
        { source: 'registry', ref: 'GB/T 99999-2025' },
      ],
    });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors).toEqual([
      { field: 'body.items.1.ref', reason: expect.stringContaining('is known') as string },
    ]);
    const notMine = await rival.post('/applications', {
      programmeId: PROG.id,
      items: [{ source: 'registry', ref: 'GB/T 41001-2025', role: 'first' }],
    });
    expect(notMine.status).toBe(422);
    expect(notMine.body.errors[0].reason).toContain('not the applicant');
    const closed = await office.post('/programmes', {
      ...PROG,
      id: 'api-closed',
      window: { opens: '2024-01-01', closes: '2024-12-31' },
    });
    expect(closed.status).toBe(201);
    const late = await gulou.post('/applications', {
      programmeId: 'api-closed',
      items: [{ source: 'registry', ref: 'GB/T 41001-2025' }],
    });
    expect(late.status).toBe(422);
    expect(late.body.errors[0]).toMatchObject({
      field: 'body.programmeId',
      reason: expect.stringContaining('window') as string,
    });
    expect((await office.get('/applications')).body.total).toBe(before);

    const ok = await gulou.post('/applications', {
      programmeId: PROG.id,
      items: [{ source: 'registry', ref: 'GB/T 41001-2025' }],
    });
    expect(ok.status).toBe(201);
    expect(ok.body.item).toMatchObject({
      status: 'draft',
      applicant: 'Gulou Machinery Co',
      requestedFen: 25 * WAN,
    });
    gulouApp = ok.body.id as string;
  });

  it('lets the second drafting unit apply for its own role', async () => {
    const res = await rival.post('/applications', {
      programmeId: PROG.id,
      items: [{ source: 'registry', ref: 'GB/T 41001-2025', role: 'second' }],
    });
    expect(res.status).toBe(201);
    expect(res.body.item.requestedFen).toBe(15 * WAN);
    expect((await rival.post(`/applications/${res.body.id as string}/submit`)).status).toBe(201);
  });

  it('an enterprise sees and edits only its own applications', async () => {
    expect((await rival.get(`/applications/${gulouApp}`)).status).toBe(404);
    expect((await rival.post(`/applications/${gulouApp}/submit`)).status).toBe(404);
    const mine = await rival.get('/applications');
    expect(mine.body.items.every((a: { applicant: string }) => a.applicant === 'Rival Instruments Co')).toBe(
      true,
    );
    expect((await office.get(`/applications/${gulouApp}`)).status).toBe(200);
    expect((await wang.get(`/applications/${gulouApp}`)).status).toBe(404);
    expect((await p.anonymous.get(`/applications/${gulouApp}`)).status).toBe(401);
  });

  it('settles a double claim on two replicas at once: one submission wins, the other is a 409 naming the item', async () => {
    const second = await gulou.post('/applications', {
      programmeId: PROG.id,
      items: [{ source: 'registry', ref: 'GB/T 41001-2025' }],
    });
    expect(second.status).toBe(201);
    const [, gulouB] = await p.participant('gulou', 'enterprise', 'Gulou Machinery Co');
    const [a, b] = await Promise.all([
      gulou.post(`/applications/${gulouApp}/submit`),
      gulouB!.post(`/applications/${second.body.id as string}/submit`),
    ]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    const loser = a.status === 409 ? a : b;
    expect(loser.body.errors[0]).toMatchObject({
      field: 'body.items.0.ref',
      reason: expect.stringContaining('already claimed') as string,
    });
    // the loser keeps nothing claimed and stays a draft; the winner is eligibility-checked
    const winnerId = a.status === 201 ? gulouApp : (second.body.id as string);
    const loserId = a.status === 201 ? (second.body.id as string) : gulouApp;
    expect((await office.get(`/applications/${loserId}`)).body).toMatchObject({
      status: 'draft',
      claims: [],
    });
    expect((await office.get(`/applications/${winnerId}`)).body).toMatchObject({
      status: 'eligibility-checked',
    });
    gulouApp = winnerId;
  });

  it('refuses an invalid move with 409 naming the current state and the allowed next', async () => {
    const res = await office.post(`/applications/${gulouApp}/decision`, { outcome: 'approve' });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({
      currentState: 'eligibility-checked',
      allowedNext: ['under-review', 'rejected', 'withdrawn'],
    });
  });

  it('reviews with conflicts of interest refused, and decides only with the configured scores', async () => {
    const conflicted = await office.post(`/applications/${gulouApp}/review`, {
      reviewers: ['wang', 'zhang'],
    });
    expect(conflicted.status).toBe(409);
    expect(conflicted.body.errors[0]).toMatchObject({
      field: 'body.reviewers.1',
      reason: expect.stringContaining('conflict of interest') as string,
    });
    expect(
      (await office.post(`/applications/${gulouApp}/review`, { reviewers: ['wang', 'li'] })).status,
    ).toBe(201);
    expect((await wang.get(`/applications/${gulouApp}`)).status).toBe(200);
    const insider = await zhang.post(`/applications/${gulouApp}/scores`, {
      scores: { impact: 50, quality: 50 },
    });
    // not assigned (and of the applicant's organisation): it cannot even see the application
    expect(insider.status).toBe(404);
    expect(
      (await wang.post(`/applications/${gulouApp}/scores`, { scores: { impact: 45, quality: 40 } })).status,
    ).toBe(201);
    const early = await office.post(`/applications/${gulouApp}/decision`, { outcome: 'approve' });
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ scores: 1, required: 2 });
    expect(
      (await li.post(`/applications/${gulouApp}/scores`, { scores: { impact: 40, quality: 42 } })).status,
    ).toBe(201);
    const over = await office.post(`/applications/${gulouApp}/decision`, {
      outcome: 'approve',
      amountFen: 26 * WAN,
    });
    expect(over.status).toBe(422);
    const approved = await office.post(`/applications/${gulouApp}/decision`, { outcome: 'approve' });
    expect(approved.status).toBe(201);
    expect(approved.body.item).toMatchObject({ status: 'approved', approvedFen: 25 * WAN });
    expect((await office.get(`/programmes/${PROG.id}/budget`)).body).toMatchObject({
      reservedFen: 25 * WAN,
      remainingFen: 975 * WAN,
    });
  });

  it('awards, instructs payments once per instalment, exports them and marks them paid with finance reference', async () => {
    expect((await office.post(`/applications/${gulouApp}/award`, { noticeOn: daysAgo(0) })).status).toBe(201);
    expect(
      (await gulou.post(`/applications/${gulouApp}/payments`, { instalment: 1, amountFen: 10 * WAN })).status,
    ).toBe(403);
    const first = await finance.post(`/applications/${gulouApp}/payments`, {
      instalment: 1,
      amountFen: 10 * WAN,
    });
    expect(first.status).toBe(201);
    expect(
      (await finance.post(`/applications/${gulouApp}/payments`, { instalment: 1, amountFen: 10 * WAN }))
        .status,
    ).toBe(200);
    expect(
      (await finance.post(`/applications/${gulouApp}/payments`, { instalment: 1, amountFen: 9 * WAN }))
        .status,
    ).toBe(409);
    expect(
      (await finance.post(`/applications/${gulouApp}/payments`, { instalment: 2, amountFen: 16 * WAN }))
        .status,
    ).toBe(409);

    const csv = await finance.get(`/payments/instructions.csv?programme=${PROG.id}`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    expect(csv.body as unknown as string).toContain(
      `${gulouApp}#1,${PROG.id},Gulou Machinery Co,${gulouApp},1,${10 * WAN},instructed,`,
    );
    expect((await gulou.get('/payments/instructions.csv')).status).toBe(403);

    const ref = encodeURIComponent(`${gulouApp}#1`);
    expect(
      (await finance.post(`/payments/${ref}/paid`, { financeReference: 'FIN-2026-0001', paidOn: daysAgo(0) }))
        .status,
    ).toBe(201);
    expect(
      (await finance.post(`/payments/${ref}/paid`, { financeReference: 'FIN-2026-0001', paidOn: daysAgo(0) }))
        .status,
    ).toBe(200);
    expect(
      (await finance.post(`/payments/${ref}/paid`, { financeReference: 'FIN-OTHER', paidOn: daysAgo(0) }))
        .status,
    ).toBe(409);
    expect((await office.get(`/programmes/${PROG.id}/budget`)).body).toMatchObject({
      reservedFen: 15 * WAN,
      paidFen: 10 * WAN,
      remainingFen: 975 * WAN,
    });
    expect(
      (await finance.post(`/applications/${gulouApp}/payments`, { instalment: 2, amountFen: 15 * WAN }))
        .status,
    ).toBe(201);
    expect(
      (
        await finance.post(`/payments/${encodeURIComponent(`${gulouApp}#2`)}/paid`, {
          financeReference: 'FIN-2026-0002',
          paidOn: daysAgo(0),
        })
      ).status,
    ).toBe(201);
    expect((await gulou.get(`/applications/${gulouApp}`)).body).toMatchObject({
      status: 'paid',
      paidFen: 25 * WAN,
    });

    const notice = await fetch(`${p.bases[0]!}/programmes/${PROG.id}/notice.csv`);
    expect(notice.status).toBe(200);
    expect(await notice.text()).toContain(`Gulou Machinery Co,,${25 * WAN},`);
  });

  it('withdrawal releases the claims: the item can be claimed again', async () => {
    const res = await rival.get('/applications');
    const rivalApp = res.body.items[0].id as string;
    expect(
      (await rival.post(`/applications/${rivalApp}/withdraw`, { reason: 'merged into another' })).status,
    ).toBe(201);
    const again = await rival.post('/applications', {
      programmeId: PROG.id,
      items: [{ source: 'registry', ref: 'GB/T 41001-2025', role: 'second' }],
    });
    expect(again.status).toBe(201);
    expect((await rival.post(`/applications/${again.body.id as string}/submit`)).status).toBe(201);
  });
});
