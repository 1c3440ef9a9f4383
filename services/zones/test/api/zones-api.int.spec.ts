// The zones API end to end in-process against real NATS and the store, with the registry beside
// it: what a department running a demonstration zone relies on, from proposal to acceptance.
import { ApiKeyStore, BaseConfig, createService, listen, parseConfig } from '@highland/service-kit';
import { apiClient, messagingFixture, type MessagingFixture, serviceEnv, testNames } from '@highland/testing';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZonesConfig } from '../../src/config.js';
import { type defaultSheet } from '../../src/domain/scoring.js';
import { loquatZone } from '../fixtures.js';
import { type Clock, DeadlineReminders, ZONES_CLOCK } from '../../src/reminders/deadline-reminders.js';

const names = testNames(import.meta.url);
const apps: NestExpressApplication[] = [];
let fx: MessagingFixture;
let office: ReturnType<typeof apiClient>;
let agriculture: ReturnType<typeof apiClient>;
let commerce: ReturnType<typeof apiClient>;
let registry: ReturnType<typeof apiClient>;
let base: string;
let officeKey: string;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  const [zonesEnv, registryEnv] = await Promise.all([
    serviceEnv(names, 'zones'),
    serviceEnv(names, 'registry'),
  ]);
  officeKey = zonesEnv.HIGHLAND_BOOTSTRAP_OFFICE_KEY;
  const { registryService } = await import('@highland/registry');
  const { zonesService } = await import('../../src/service.js');
  const registryConfig = parseConfig(BaseConfig, {
    ...registryEnv,
    HIGHLAND_BOOTSTRAP_OFFICE_KEY: officeKey,
  });
  const zonesConfig = parseConfig(ZonesConfig, zonesEnv);
  for (const [def, config] of [
    [registryService(registryConfig), registryConfig],
    [zonesService(zonesConfig), zonesConfig],
  ] as const) {
    const app = await createService(def);
    apps.push(app);
    await listen(app, config);
  }
  base = `http://127.0.0.1:${zonesEnv.PORT}`;
  fx = await messagingFixture(names);
  const keys = await ApiKeyStore.open(fx.nats, fx.topology);
  const agri = await keys.create({ department: 'agriculture', scopes: ['zones:zones'], label: 'li.wei' });
  const comm = await keys.create({ department: 'commerce', scopes: ['zones:zones'], label: 'wang.fang' });
  keys.close();
  office = apiClient(base, officeKey);
  agriculture = apiClient(base, agri.key);
  commerce = apiClient(base, comm.key);
  registry = apiClient(`http://127.0.0.1:${registryEnv.PORT}`, officeKey);
  for (let i = 0; i < 50 && (await commerce.get('/zones')).status === 401; i++) await sleep(100);
});
afterAll(async () => {
  for (const app of apps.reverse()) await app.close();
  await fx?.dispose();
});

let id: string;

describe('zones API', () => {
  it('records a proposal with who did it, hectares derived, and serves it back', async () => {
    const res = await agriculture.post('/zones', loquatZone, { 'x-highland-user': 'Li Wei' });
    expect(res.status).toBe(201);
    id = res.body.id as string;
    expect(res.headers.get('location')).toBe(`/zones/${id}`);
    expect(res.body.event.type).toBe('zones.zone-proposed');
    expect(res.body.item).toMatchObject({
      state: 'proposed',
      department: 'agriculture',
      areaHectares: 1000,
      recordedBy: { department: 'agriculture', user: 'Li Wei' },
    });
    expect((await office.get(`/zones/${id}`)).body).toMatchObject({ id, name: loquatZone.name, version: 1 });
    const again = await agriculture.post('/zones', loquatZone);
    expect(again.status).toBe(200);
    expect(again.body.status).toBe('unchanged');
  });

  it('refuses bad input with problem+json naming each field, and stores nothing', async () => {
    const before = (await office.get('/zones')).body.total as number;
    const res = await agriculture.post('/zones', {
      ...loquatZone,
      name: 'Another zone',
      areaMu: 0,
      location: { lat: 29.3, lon: 200 },
      proposedOn: '2021-02-30',
      project: 6,
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    const fields = (res.body.errors as Array<{ field: string }>).map((e) => e.field);
    expect(fields).toEqual(
      expect.arrayContaining(['body.areaMu', 'body.location.lon', 'body.proposedOn', 'body.project']),
    );
    expect((await office.get('/zones')).body.total).toBe(before);
  });

  it('answers an invalid move 409 naming the current state and the allowed next ones', async () => {
    const res = await agriculture.post(`/zones/${id}/construction`, { on: '2021-07-01' });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ currentState: 'proposed', allowedNext: ['applied'] });
  });

  it('lets only the department in charge and the office change a zone', async () => {
    const body = { authority: 'SAC', level: 'national', appliedOn: '2021-03-01' };
    const other = await commerce.post(`/zones/${id}/application`, body);
    expect(other.status).toBe(403);
    expect(other.body.departmentInCharge).toBe('agriculture');
    expect((await agriculture.post(`/zones/${id}/application`, body)).status).toBe(201);
    const approval = await office.post(`/zones/${id}/approval`, {
      batch: 'the 8th national batch',
      approvalDocument: 'SAC-2021-17',
      approvedOn: '2021-06-01',
      constructionFrom: '2021-07-01',
      constructionTo: '2024-06-30',
    });
    expect(approval.status).toBe(201);
    expect(approval.body.item.approval).toMatchObject({ level: 'national', batch: 'the 8th national batch' });
    expect(approval.body.item.steps.at(-1).actor.department).toBe('office');
  });

  it("checks the zone's standards against its own copy of the registry's events (422 naming the field)", async () => {
    const std = await registry.post('/standards', {
      code: 'DB50/T 1234-2014',
      title: { zh: '枇杷栽培技术规程' },
      ics: ['65.020.20'],
      ccs: ['B31'],
      sector: 'planting',
      project: 2,
      work: { kind: 'formulate' },
      stage: 'drafting',
      participants: [],
    });
    expect(std.status).toBe(201);
    const unknown = await agriculture.post(`/zones/${id}/standards`, {
      standards: ['DB50/T 1234-2014', 'GB/T 9999-2099'],
      on: '2021-07-02',
    });
    // the registry's event reaches the zones service asynchronously: the known code may lag a moment
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors).toContainEqual({
      field: 'body.standards.1',
      reason: '"GB/T 9999-2099" is not in the registry',
    });
    let res = await agriculture.post(`/zones/${id}/standards`, {
      standards: ['db50/t 1234-2014'],
      on: '2021-07-02',
    });
    for (let i = 0; i < 50 && res.status === 422; i++) {
      await sleep(100);
      res = await agriculture.post(`/zones/${id}/standards`, {
        standards: ['db50/t 1234-2014'],
        on: '2021-07-02',
      });
    }
    expect(res.status).toBe(201);
    expect(res.body.item.standards).toEqual([{ code: 'DB50/T 1234-2014', title: '枇杷栽培技术规程' }]);
  });

  it('runs construction, inspection with rectification, re-inspection and acceptance; the timeline keeps all', async () => {
    expect((await agriculture.post(`/zones/${id}/construction`, { on: '2021-07-01' })).status).toBe(201);
    const sheet = (await office.get('/scoring-sheets/agricultural')).body as ReturnType<typeof defaultSheet>;
    expect(sheet.passMark).toBe(80);
    const scores = (low: string[]) =>
      sheet.sections
        .flatMap((s) => s.items)
        .map((it) => ({ item: it.id, inspector: 'Zhang San', grade: low.includes(it.id) ? 0 : 1 }));
    const first = await agriculture.post(`/zones/${id}/inspections`, {
      on: '2024-07-10',
      inspectors: ['Zhang San', 'Li Si'],
      scores: scores(['proc.records']),
    });
    expect(first.status).toBe(201);
    expect(first.body.item.inspections[0]).toMatchObject({
      total: 90,
      percent: 90,
      keyItemsFailed: ['proc.records'],
      meetsPassMark: false,
    });
    const pass = await agriculture.post(`/zones/${id}/acceptance`, { outcome: 'passed', on: '2024-07-11' });
    expect(pass.status).toBe(409);
    expect(pass.body.errors[0].field).toBe('body.outcome');
    const rectify = await agriculture.post(`/zones/${id}/acceptance`, {
      outcome: 'rectification-required',
      on: '2024-07-11',
      deadline: '2024-10-31',
      shortcomings: 'production records incomplete',
    });
    expect(rectify.status).toBe(201);
    expect(rectify.body.item.state).toBe('rectification-required');
    const second = await agriculture.post(`/zones/${id}/inspections`, {
      on: '2024-11-02',
      inspectors: ['Zhang San'],
      scores: scores([]),
    });
    expect(second.body.item.inspections[1]).toMatchObject({ inspection: 2, meetsPassMark: true, total: 100 });
    expect(
      (await agriculture.post(`/zones/${id}/acceptance`, { outcome: 'passed', on: '2024-11-03' })).status,
    ).toBe(201);
    const timeline = await office.get(`/zones/${id}/timeline`);
    expect(timeline.status).toBe(200);
    const events = timeline.body.events as Array<{
      type: string;
      state?: string;
      on: string;
      actor: unknown;
    }>;
    expect(events.map((e) => e.state ?? e.type)).toEqual([
      'proposed',
      'applied',
      'approved',
      'zones.zone-standards-applied',
      'under-construction',
      'inspected',
      'rectification-required',
      'inspected',
      'passed',
    ]);
    expect(events[0]).toMatchObject({
      on: '2021-01-10',
      actor: { department: 'agriculture', user: 'Li Wei' },
    });
    expect(events.at(-1)).toMatchObject({ on: '2024-11-03' });
  });

  it('filters zones by kind, level, state, town, department and product, and exports CSV safely', async () => {
    const pilot = await office.post('/zones', {
      ...loquatZone,
      name: '=HYPERLINK("http://x")',
      kind: 'service-pilot',
      levelSought: 'municipal',
      productLine: 'logistics',
      town: 'Shuangfeng',
      department: 'commerce',
      undertaking: { name: '@Railway logistics park', kind: 'park' },
    });
    expect(pilot.status).toBe(201);
    const q = async (query: string) =>
      ((await agriculture.get(`/zones?${query}`)).body.items as Array<{ name: string }>).map((z) => z.name);
    expect(await q('kind=agricultural')).toEqual([loquatZone.name]);
    expect(await q('level=municipal')).toEqual(['=HYPERLINK("http://x")']);
    expect(await q('state=passed,failed')).toEqual([loquatZone.name]);
    expect(await q('town=Shuangfeng&department=commerce&product=LOGIST')).toEqual(['=HYPERLINK("http://x")']);
    expect(await q('state=approved')).toEqual([]);
    const bad = await agriculture.get('/zones?state=sleeping');
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toMatch(/^query\.state/);
    const csv = await fetch(`${base}/zones/export.csv?kind=service-pilot`, {
      headers: { authorization: `Bearer ${officeKey}` },
    });
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    const text = await csv.text();
    expect(text).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(text).toContain("'@Railway logistics park");
    expect(text.split('\n').filter(Boolean)).toHaveLength(2);
  });

  it('reminds the department in charge 30 and 7 days before acceptance is due (injected clock); overdue is listed', async () => {
    const zonesApp = apps[1]!;
    const clock = zonesApp.get<Clock>(ZONES_CLOCK);
    const reminders = zonesApp.get(DeadlineReminders);
    const created = await agriculture.post('/zones', {
      ...loquatZone,
      name: 'Sanjiang ecological fish zone',
    });
    const zid = created.body.id as string;
    await agriculture.post(`/zones/${zid}/application`, {
      authority: 'CQ',
      level: 'municipal',
      appliedOn: '2021-03-01',
    });
    const approved = await office.post(`/zones/${zid}/approval`, {
      batch: '2021 municipal batch',
      approvalDocument: 'CQ-2021-5',
      approvedOn: '2021-06-01',
      constructionFrom: '2021-07-01',
      constructionTo: '2024-06-30',
    });
    expect(approved.status).toBe(201);
    try {
      clock.now = () => new Date('2024-05-31T09:00:00Z');
      expect(await reminders.run()).toBe(1);
      expect(await reminders.run()).toBe(0); // sent once
      clock.now = () => new Date('2024-06-25T09:00:00Z');
      expect(await reminders.run()).toBe(1);
      const due = await agriculture.get('/deadlines?department=agriculture&within=30');
      expect(due.body.items).toEqual([
        expect.objectContaining({
          id: zid,
          milestone: 'acceptance',
          deadline: '2024-06-30',
          daysLeft: 5,
          reminded: [30, 7],
        }),
      ]);
      clock.now = () => new Date('2024-07-02T09:00:00Z');
      const overdue = await office.get('/deadlines?overdue=true');
      expect(overdue.body.items).toEqual([expect.objectContaining({ id: zid, overdue: true, daysLeft: -2 })]);
      const timeline = await office.get(`/zones/${zid}/timeline`);
      const sent = (
        timeline.body.events as Array<{ type: string; actor: unknown; data: { daysBefore: number } }>
      ).filter((e) => e.type === 'zones.zone-deadline-reminded');
      expect(sent.map((e) => e.data.daysBefore)).toEqual([30, 7]);
      expect(sent[0]!.actor).toEqual({ department: 'office', user: 'deadline-reminders' });
    } finally {
      clock.now = () => new Date();
    }
  });
});
