// The budget under concurrent approvals on two replicas: many more eligible applications than the
// budget can pay, approved all at once from both; the ledger never goes below zero and no
// applicant passes the cap, because each reservation is settled on the ledger's expected sequence.
import { testNames } from '@highland/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { programme, WAN } from '../fixtures.js';
import { type Client, daysAgo, platform } from './harness.js';

const names = testNames(import.meta.url);
let p: Awaited<ReturnType<typeof platform>>;
const ENTERPRISES = 8;
const EACH = 5;
// 40 applications of 1 each; the cap lets each enterprise hold 3 (24 in all); the budget pays 15.
const PROG = programme({
  id: 'budget-race',
  totalBudgetFen: 15 * WAN,
  perApplicantCapFen: 3 * WAN,
  reviewsRequired: 0,
  rules: [
    {
      id: 'filing',
      title: { zh: '企业标准自我声明' },
      fact: 'enterprise-filing',
      tiers: [{ id: 'each', amountFen: 1 * WAN }],
    },
  ],
});
const applications: string[] = [];

beforeAll(async () => {
  p = await platform(names, 2);
  expect((await p.office[0]!.post('/programmes', PROG)).status).toBe(201);
  const clients: Client[] = [];
  for (let e = 0; e < ENTERPRISES; e++) {
    const name = `Enterprise ${e} Co`;
    for (let i = 0; i < EACH; i++) {
      const filed = await p.registry.post('/filings', {
        enterprise: name,
        product: `product ${i}`,
        standardCode: `Q/E${e}X 00${i}-2025`,
        filedOn: daysAgo(10),
      });
      expect(filed.status).toBe(201);
    }
    const [client] = await p.participant(`ent-${e}`, 'enterprise', name);
    clients.push(client);
  }
  await Promise.all(
    clients.map(async (c, e) => {
      for (let i = 0; i < EACH; i++) {
        const draft = await c.post('/applications', {
          programmeId: PROG.id,
          items: [{ source: 'registry', ref: `Q/E${e}X 00${i}-2025` }],
        });
        // a filing is cited by its standard code: the applicant's own filing of it
        expect(draft.status, JSON.stringify(draft.body)).toBe(201);
        const id = draft.body.id as string;
        expect((await c.post(`/applications/${id}/submit`)).status).toBe(201);
        expect((await p.office[0]!.post(`/applications/${id}/review`, { reviewers: [] })).status).toBe(201);
        applications.push(id);
      }
    }),
  );
}, 180_000);
afterAll(async () => {
  await p?.close();
});

describe('budget ledger on two replicas', () => {
  it('approves concurrently without overspending or passing any cap', async () => {
    const answers = await Promise.all(
      applications.map((id, i) =>
        p.office[i % 2]!.post(`/applications/${id}/decision`, { outcome: 'approve' }),
      ),
    );
    const statuses = answers.map((a) => a.status);
    expect(
      statuses.filter((s) => s !== 201 && s !== 409),
      JSON.stringify(answers.find((a) => a.status >= 500)?.body),
    ).toEqual([]);
    const approved = statuses.filter((s) => s === 201).length;
    expect(approved).toBe(15);
    for (const refused of answers.filter((a) => a.status === 409))
      expect(refused.body.errors[0]).toMatchObject({
        field: 'body.amountFen',
        reason: expect.stringMatching(/remaining budget|per-applicant cap/) as string,
      });

    // the ledger as each replica sees it, and as the applications say
    for (const office of p.office) {
      const budget = (await office.get(`/programmes/${PROG.id}/budget`)).body;
      expect(budget).toMatchObject({ reservedFen: 15 * WAN, remainingFen: 0 });
      expect(budget.largestApplicantFen).toBeLessThanOrEqual(3 * WAN);
    }
    const all = (await p.office[1]!.get(`/applications?programme=${PROG.id}`)).body.items as Array<{
      applicant: string;
      status: string;
      approvedFen?: number;
    }>;
    const byApplicant = new Map<string, number>();
    for (const a of all.filter((x) => x.status === 'approved'))
      byApplicant.set(a.applicant, (byApplicant.get(a.applicant) ?? 0) + a.approvedFen!);
    expect([...byApplicant.values()].reduce((s, v) => s + v, 0)).toBe(15 * WAN);
    expect(Math.max(...byApplicant.values())).toBeLessThanOrEqual(3 * WAN);
    // refused approvals left their applications under review, nothing reserved for them
    expect(all.filter((x) => x.status === 'under-review')).toHaveLength(applications.length - 15);
  });
});
