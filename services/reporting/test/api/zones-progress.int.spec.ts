// The four zone targets of the seed plan against real NATS and the store: reporting follows the
// zones stream, and a zone approved in the plan period moves its indicator (and the public page's
// drill-down names it); a zone only proposed or applied for counts for nothing yet.
import {
  type EventContract,
  type EventData,
  ZoneAppliedV1,
  ZoneApprovedV1,
  ZoneProposedV1,
} from '@highland/contracts';
import { EventPublisher } from '@highland/messaging';
import { BaseConfig, createService, listen, parseConfig } from '@highland/service-kit';
import { apiClient, messagingFixture, type MessagingFixture, serviceEnv, testNames } from '@highland/testing';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportingService, ReportingView } from '../../src/index.js';

const names = testNames(import.meta.url);
let app: NestExpressApplication;
let fx: MessagingFixture;
let zones: EventPublisher;
let api: ReturnType<typeof apiClient>;
let view: ReportingView;
const actor = { department: 'agriculture', user: 'li.wei' };
let n = 0;

const emit = <C extends EventContract>(
  contract: C,
  aggregateId: string,
  aggregateSeq: number,
  data: EventData<C>,
) =>
  zones.publish(contract, {
    aggregateId,
    aggregateSeq,
    data,
    actor,
    reason: 'test',
    correlationId: `z${++n}`,
  });

beforeAll(async () => {
  fx = await messagingFixture(names, ['registry', 'reporting', 'tbt', 'zones']);
  zones = new EventPublisher(fx.nats.js, fx.topology, 'zones');
  const env = await serviceEnv(names, 'reporting');
  const config = parseConfig(BaseConfig, env);
  app = await createService(reportingService(config));
  await listen(app, config);
  api = apiClient(`http://127.0.0.1:${env.PORT}`, env.HIGHLAND_BOOTSTRAP_OFFICE_KEY);
  view = app.get(ReportingView);
});
afterAll(async () => {
  await app?.close();
  await fx?.dispose();
});

const indicator = async (id: string) => {
  await view.catchUp();
  return (await api.get(`/plans/district-2015/indicators/${id}`)).body;
};

describe('zone targets fed by the zones service', () => {
  it('moves ag-zone-national when a zone is approved at national level in the plan period', async () => {
    const before = await indicator('ag-zone-national');
    expect(before.attainment).toMatchObject({ status: 'not-started', value: 0 });

    const id = 'zone-gulou-loquat';
    await emit(ZoneProposedV1, id, 1, {
      name: 'Gulou loquat standardization demonstration zone',
      kind: 'agricultural',
      levelSought: 'national',
      productLine: 'loquat',
      town: 'Gulou',
      location: { lat: 29.3, lon: 105.9 },
      areaMu: 15000,
      areaHectares: 1000,
      undertaking: { name: 'Gulou Loquat Cooperative', kind: 'cooperative' },
      partners: [],
      department: 'agriculture',
      project: 2,
      proposedOn: '2013-03-01',
    });
    await emit(ZoneAppliedV1, id, 2, { authority: 'SAC', level: 'national', appliedOn: '2013-04-01' });
    expect((await indicator('ag-zone-national')).attainment.value).toBe(0);

    await emit(ZoneApprovedV1, id, 3, {
      level: 'national',
      batch: 'the 8th national batch',
      approvalDocument: 'SAC-2014-17',
      approvedOn: '2014-06-01',
      constructionFrom: '2014-07-01',
      constructionTo: '2017-06-30',
    });
    const after = await indicator('ag-zone-national');
    expect(after.attainment.value).toBe(1);
    expect(after.attainment.status).not.toBe('no-data-source');
    expect(after.items).toHaveLength(1);
    expect(after.items[0]).toMatchObject({
      occurredAt: '2014-06-01',
      attributes: { zoneKind: 'agricultural', zoneLevel: 'national', town: 'Gulou', zoneState: 'approved' },
      ref: { service: 'zones', id },
    });
    // the municipal target is not touched by a national zone
    expect((await indicator('ag-zone-municipal')).attainment.value).toBe(0);
    // and a rebuild from the streams gives the same count
    await api.post('/admin/replay');
    expect((await indicator('ag-zone-national')).attainment.value).toBe(1);
  });
});
