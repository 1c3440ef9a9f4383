// Zone facts from the zones contracts' events (published as the zones service publishes them),
// and approved applications flagged when the fact they stand on is withdrawn or revoked.
import { randomUUID } from 'node:crypto';
import {
  type EventContract,
  type EventData,
  ZoneApprovedV1,
  ZonePassedV1,
  ZoneProposedV1,
  ZoneRevokedV1,
} from '@highland/contracts';
import { EventPublisher } from '@highland/messaging';
import { messagingFixture, type MessagingFixture, testNames } from '@highland/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { programme, WAN } from '../fixtures.js';
import { type Client, daysAgo, platform } from './harness.js';

const names = testNames(import.meta.url);
let p: Awaited<ReturnType<typeof platform>>;
let fx: MessagingFixture;
let zones: EventPublisher;
let office: Client;
let gulou: Client;
const PROG = programme({ id: 'zones-flags', reviewsRequired: 0 });
const ZONE_ID = 'zone-loquat-test';
const seqs = new Map<string, number>();

async function zoneEvent<C extends EventContract>(contract: C, data: EventData<C>) {
  const n = (seqs.get(ZONE_ID) ?? 0) + 1;
  seqs.set(ZONE_ID, n);
  await zones.publish(contract, {
    aggregateId: ZONE_ID,
    aggregateSeq: n,
    data,
    actor: { department: 'agriculture', user: 'test' },
    reason: 'test',
    correlationId: randomUUID(),
  });
}

/** Approves an application with no review needed (the programme asks for none). */
async function approved(items: unknown[]): Promise<string> {
  const draft = await gulou.post('/applications', { programmeId: PROG.id, items });
  expect(draft.status, JSON.stringify(draft.body)).toBe(201);
  const id = draft.body.id as string;
  expect((await gulou.post(`/applications/${id}/submit`)).status).toBe(201);
  expect((await office.post(`/applications/${id}/review`, { reviewers: [] })).status).toBe(201);
  expect((await office.post(`/applications/${id}/decision`, { outcome: 'approve' })).status).toBe(201);
  return id;
}

async function flagsOf(id: string) {
  for (let i = 0; i < 100; i++) {
    const a = (await office.get(`/applications/${id}`)).body;
    if ((a.flags as unknown[]).length) return a.flags as Array<{ cause: string; item: number }>;
    await new Promise((r) => setTimeout(r, 100));
  }
  return [];
}

beforeAll(async () => {
  p = await platform(names, 1);
  office = p.office[0]!;
  fx = await messagingFixture(names, ['zones']);
  zones = new EventPublisher(fx.nats.js, fx.topology, 'zones');
  expect((await office.post('/programmes', PROG)).status).toBe(201);
  [gulou] = await p.participant('gulou', 'enterprise', 'Gulou Loquat Cooperative');
  await zoneEvent(ZoneProposedV1, {
    name: 'Gulou loquat demonstration zone',
    kind: 'agricultural',
    levelSought: 'national',
    productLine: 'loquat',
    town: 'Gulou',
    location: { lat: 29.5, lon: 106.5 },
    areaMu: 1500,
    areaHectares: 100,
    undertaking: { name: 'Gulou Loquat Cooperative', kind: 'cooperative' },
    partners: [],
    department: 'agriculture',
    project: 2,
    proposedOn: daysAgo(400),
  });
  await zoneEvent(ZoneApprovedV1, {
    level: 'national',
    batch: 'the 10th national batch',
    approvalDocument: 'GB-TB [2024] 7',
    approvedOn: daysAgo(380),
    constructionFrom: daysAgo(380),
    constructionTo: daysAgo(20),
  });
}, 120_000);
afterAll(async () => {
  await p?.close();
  await fx?.dispose();
});

describe('zone facts and flags', () => {
  it('refuses a zone not passed yet, explaining the rule', async () => {
    const res = await gulou.post(`/programmes/${PROG.id}/eligibility`, {
      items: [{ source: 'zones', ref: ZONE_ID }],
    });
    expect(res.status).toBe(200);
    expect(res.body.outcomes[0]).toMatchObject({
      eligible: false,
      reason: expect.stringContaining('not passed') as string,
    });
  });

  let zoneApp: string;
  it('pays a national agricultural zone once it passed, cited by id or by name', async () => {
    await zoneEvent(ZonePassedV1, { on: daysAgo(10), inspection: 1 });
    // The service's copy of the zones' facts follows their stream: wait until it has the pass.
    let res = await gulou.post(`/programmes/${PROG.id}/eligibility`, {
      items: [{ source: 'zones', ref: 'Gulou loquat demonstration zone' }],
    });
    for (let i = 0; i < 100 && !res.body.outcomes?.[0]?.eligible; i++) {
      await new Promise((r) => setTimeout(r, 100));
      res = await gulou.post(`/programmes/${PROG.id}/eligibility`, {
        items: [{ source: 'zones', ref: 'Gulou loquat demonstration zone' }],
      });
    }
    expect(res.body.outcomes[0]).toMatchObject({ eligible: true, tier: 'national-agri', amountFen: 5 * WAN });
    zoneApp = await approved([{ source: 'zones', ref: ZONE_ID }]);
    // the same zone by its name is the same claim
    const again = await gulou.post('/applications', {
      programmeId: PROG.id,
      items: [{ source: 'zones', ref: 'Gulou loquat demonstration zone' }],
    });
    expect(again.status).toBe(409);
  });

  it('flags the approved application when the zone is revoked', async () => {
    await zoneEvent(ZoneRevokedV1, { on: daysAgo(0), grounds: 'standards no longer applied' });
    expect(await flagsOf(zoneApp)).toEqual([expect.objectContaining({ cause: 'zone-revoked', item: 0 })]);
  });

  it('flags the approved application when its standard is withdrawn in the registry', async () => {
    const std = await p.registry.post('/standards', {
      code: 'DB50/T 4321-2025',
      title: { zh: '枇杷采后处理规程' },
      ics: ['65.020.20'],
      ccs: ['B31'],
      sector: 'planting',
      work: { kind: 'formulate' },
      stage: 'published',
      publishedOn: daysAgo(30),
      leadOrganisation: 'Gulou Loquat Cooperative',
    });
    expect(std.status).toBe(201);
    const id = await approved([{ source: 'registry', ref: 'DB50/T 4321-2025' }]);
    const withdrawn = await p.registry.post(`/standards/${std.body.id as string}/stage`, {
      to: 'withdrawn',
      on: daysAgo(0),
    });
    expect(withdrawn.status).toBe(201);
    expect(await flagsOf(id)).toEqual([expect.objectContaining({ cause: 'standard-withdrawn', item: 0 })]);
  });
});
