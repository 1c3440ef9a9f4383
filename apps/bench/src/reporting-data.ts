import { Rng } from './rng.js';
import { randomUUID } from 'node:crypto';
import {
  CommitteeSeatGrantedV1,
  EnterpriseCertifiedV1,
  EnterpriseStandardFiledV1,
  type EventContract,
  type EventEnvelope,
  KeyProductRecordedV1,
  NATIONAL_STAGES,
  StandardRegisteredV1,
  StandardStageChangedV1,
} from '@highland/contracts';
import { eventHeaders, type PublishInput, type Topology } from '@highland/messaging';
import { ccsEntries, icsEntries } from '@highland/reference-data';
import type { JetStreamClient, PubAck } from '@nats-io/jetstream';

type NationalStage = (typeof NATIONAL_STAGES)[number];

/**
 * A synthetic registry history for `bench reporting`: what the district's departments record over
 * years — standards registered (formulated, revised, adopted, existing), their stage changes up to
 * publication, enterprise filings, committee seats, key products, certifications — built as the
 * registry builds them (`EventPublisher.envelope`, validated against the contracts) and published
 * raw with the headers `EventPublisher.send` sets, so the reporting view decodes every one.
 */

const DEPARTMENTS = [
  'market-regulation', 'economy-information', 'agriculture', 'commerce', 'science-technology',
  'housing-construction', 'tourism', 'health', 'environment', 'transport',
]; // prettier-ignore
const TOWNS = [
  'Longfeng', 'Shuangshan', 'Jinlong', 'Tianjia', 'Huashan', 'Dalu', 'Longshui', 'Xiaolin',
  'Xiwen', 'Zhuxi', 'Shiyu', 'Qingyun',
]; // prettier-ignore
const SECTORS = [
  'cement', 'automobile', 'textiles-apparel', 'food', 'glassware', 'chemicals', 'pharmaceuticals',
  'planting-breeding', 'tourism', 'machinery', 'electronics', 'grain', 'fruit',
]; // prettier-ignore
const ENTERPRISES = Array.from(
  { length: 2_000 },
  (_, i) => `Chongqing Enterprise ${String(i).padStart(4, '0')} Co., Ltd.`,
);
const PRODUCTS = [
  ['水泥', 'Portland cement'], ['摩托车', 'Motorcycle'], ['汽车座椅', 'Car seat'], ['衬衫', 'Shirt'],
  ['火锅底料', 'Hot pot seasoning'], ['玻璃杯', 'Drinking glass'], ['柑橘', 'Citrus'], ['电机', 'Electric motor'],
  ['涂料', 'Paint'], ['药片', 'Tablets'], ['大米', 'Rice'], ['腊肉', 'Cured pork'],
] as const; // prettier-ignore
const LEVELS = [
  ['national', 'GB/T', 20],
  ['industry', 'JB/T', 15],
  ['local', 'DB50/T', 15],
  ['group', 'T/CQAS', 15],
  ['enterprise', 'Q/CQ', 25],
  ['international', 'ISO', 5],
  ['foreign', 'ASTM', 5],
] as const;
const WORK_KINDS = ['formulate', 'formulate', 'revise', 'adopt', 'existing'] as const;
/** The path of a work item, plan issued to published (the rest are endings). */
const PATH: readonly NationalStage[] = NATIONAL_STAGES.slice(0, NATIONAL_STAGES.indexOf('published') + 1);
const ISO_STAGE: Readonly<Record<NationalStage, string>> = {
  'plan-issued': '10.99',
  drafting: '20.00',
  'public-comment': '40.20',
  review: '40.60',
  approval: '50.00',
  published: '60.60',
  withdrawn: '95.99',
  superseded: '95.99',
  cancelled: '30.98',
};

function day(rng: Rng, fromYear: number, toYear: number): string {
  const start = Date.UTC(fromYear, 0, 1);
  const end = Date.UTC(toYear, 11, 31);
  return new Date(start + rng.int(Math.floor((end - start) / 86_400_000)) * 86_400_000)
    .toISOString()
    .slice(0, 10);
}

export interface HistoryEvent {
  contract: EventContract;
  input: PublishInput<EventContract>;
}

interface OpenStandard {
  id: string;
  code: string;
  stage: number;
  seq: number;
}

/** Share of each event type in the history (weights). */
const MIX = [
  ['standard-registered', 38],
  ['standard-stage-changed', 27],
  ['enterprise-standard-filed', 15],
  ['key-product-recorded', 8],
  ['committee-seat-granted', 6],
  ['enterprise-certified', 6],
] as const;

/**
 * Events of a registry history, in order: each call to `next()` gives the next event (a stage
 * change always concerns a standard registered before and still on its way to publication).
 */
export class RegistryHistory {
  private readonly rng: Rng;
  private readonly ics: string[];
  private readonly ccs: string[];
  private readonly open: OpenStandard[] = [];
  private standards = 0;
  private n = 0;
  readonly counts = new Map<string, number>();

  constructor(seed: number) {
    this.rng = new Rng(seed);
    this.ics = [...icsEntries().values()].filter((e) => e.level !== 'field').map((e) => e.code);
    this.ccs = [...ccsEntries().keys()];
  }

  private actor() {
    return { department: this.rng.pick(DEPARTMENTS), user: `clerk-${this.rng.int(50)}` };
  }

  private base(aggregateId: string, aggregateSeq: number, occurredOn: string, reason: string) {
    return {
      aggregateId,
      aggregateSeq,
      actor: this.actor(),
      reason,
      correlationId: randomUUID(),
      occurredAt: `${occurredOn}T0${this.rng.int(10)}:${10 + this.rng.int(50)}:00.000Z`,
    };
  }

  private kind(): (typeof MIX)[number][0] {
    let r = this.rng.next() * 100;
    for (const [k, w] of MIX) {
      r -= w;
      if (r < 0) return k;
    }
    return 'standard-registered';
  }

  next(): HistoryEvent {
    this.n++;
    let kind = this.kind();
    if (kind === 'standard-stage-changed' && this.open.length === 0) kind = 'standard-registered';
    this.counts.set(kind, (this.counts.get(kind) ?? 0) + 1);
    const rng = this.rng;
    switch (kind) {
      case 'standard-registered': {
        const i = this.standards++;
        const [level, prefix] =
          LEVELS[
            weightedIndex(
              rng,
              LEVELS.map((l) => l[2]),
            )
          ]!;
        const work = rng.pick(WORK_KINDS);
        const year = 2011 + rng.int(6);
        const code = `${prefix} ${10_000 + i}-${year}`;
        const published = work === 'existing' || rng.chance(0.3);
        const stage: NationalStage = published ? 'published' : 'plan-issued';
        const on = day(rng, 2012, 2016);
        const id = `std-${i.toString(36)}`;
        if (!published) this.open.push({ id, code, stage: 0, seq: 1 });
        const [zh, en] = rng.pick(PRODUCTS);
        const input = {
          ...this.base(id, 1, on, 'register standard'),
          data: {
            code,
            level,
            body: prefix,
            nature: rng.chance(0.15) ? 'mandatory' : 'recommended',
            title: { zh: `${zh}技术要求 ${i}`, en: `${en} — technical requirements ${i}` },
            ics: [rng.pick(this.ics)],
            ccs: [rng.pick(this.ccs)],
            sector: rng.pick(SECTORS),
            ...(rng.chance(0.3) ? { project: 1 + rng.int(5) } : {}),
            work: {
              kind: work,
              ...(work === 'revise' ? { replaces: `${prefix} ${10_000 + i}-${year - 8}` } : {}),
              ...(work === 'adopt'
                ? {
                    adopts: {
                      code: `ISO ${1_000 + rng.int(30_000)}:${year - 1}`,
                      degree: rng.pick(['IDT', 'MOD', 'NEQ'] as const),
                    },
                  }
                : {}),
            },
            stage,
            isoStage: ISO_STAGE[stage],
            leadOrganisation: rng.pick(ENTERPRISES),
            participants: [rng.pick(ENTERPRISES)],
            inDistrict: rng.chance(0.7),
            town: rng.pick(TOWNS),
            ...(published ? { publishedOn: on } : {}),
          },
        } satisfies PublishInput<typeof StandardRegisteredV1>;
        return { contract: StandardRegisteredV1, input };
      }
      case 'standard-stage-changed': {
        const at = rng.int(this.open.length);
        const s = this.open[at]!;
        const from = PATH[s.stage]!;
        s.stage++;
        s.seq++;
        const to = PATH[s.stage]!;
        if (to === 'published') {
          this.open[at] = this.open[this.open.length - 1]!;
          this.open.pop();
        }
        const on = day(rng, 2012, 2016);
        const input = {
          ...this.base(s.id, s.seq, on, 'next stage'),
          data: {
            code: s.code,
            from,
            to,
            isoStage: ISO_STAGE[to],
            on,
            ...(to === 'published' ? { publishedOn: on } : {}),
          },
        } satisfies PublishInput<typeof StandardStageChangedV1>;
        return { contract: StandardStageChangedV1, input };
      }
      case 'enterprise-standard-filed': {
        const enterprise = rng.pick(ENTERPRISES);
        const input = {
          ...this.base(`fil-${this.n.toString(36)}`, 1, day(rng, 2012, 2016), 'file standard'),
          data: {
            enterprise,
            product: rng.pick(PRODUCTS)[1],
            standardCode: `Q/CQ ${this.n}-2014`,
            filedOn: day(rng, 2013, 2015),
            town: rng.pick(TOWNS),
          },
        } satisfies PublishInput<typeof EnterpriseStandardFiledV1>;
        return { contract: EnterpriseStandardFiledV1, input };
      }
      case 'key-product-recorded': {
        const input = {
          ...this.base(`kp-${this.n.toString(36)}`, 1, day(rng, 2012, 2016), 'record key product'),
          data: {
            product: `${rng.pick(PRODUCTS)[1]} ${this.n}`,
            field: rng.pick(SECTORS),
            enterprise: rng.pick(ENTERPRISES),
            adoptsInternational: rng.chance(0.8),
            since: day(rng, 2013, 2015),
          },
        } satisfies PublishInput<typeof KeyProductRecordedV1>;
        return { contract: KeyProductRecordedV1, input };
      }
      case 'committee-seat-granted': {
        const engineer = rng.chance(0.5);
        const input = {
          ...this.base(`seat-${this.n.toString(36)}`, 1, day(rng, 2012, 2016), 'grant seat'),
          data: {
            committee: `SAC/TC ${1 + rng.int(600)}`,
            committeeLevel: rng.chance(0.85) ? 'national' : 'international',
            memberKind: engineer ? 'engineer' : 'enterprise',
            holder: engineer ? `Engineer ${this.n}` : rng.pick(ENTERPRISES),
            ...(engineer ? { organisation: rng.pick(ENTERPRISES) } : {}),
            role: rng.pick(['member', 'observer', 'expert'] as const),
            from: day(rng, 2013, 2015),
          },
        } satisfies PublishInput<typeof CommitteeSeatGrantedV1>;
        return { contract: CommitteeSeatGrantedV1, input };
      }
      case 'enterprise-certified': {
        const input = {
          ...this.base(`cert-${this.n.toString(36)}`, 1, day(rng, 2012, 2016), 'certify'),
          data: {
            enterprise: rng.pick(ENTERPRISES),
            level: rng.pick(['AAA', 'AA', 'A'] as const),
            authorityLevel: rng.pick(['municipal', 'municipal', 'provincial', 'national'] as const),
            authority: 'Chongqing Municipal Administration for Market Regulation',
            certifiedOn: day(rng, 2013, 2015),
            town: rng.pick(TOWNS),
          },
        } satisfies PublishInput<typeof EnterpriseCertifiedV1>;
        return { contract: EnterpriseCertifiedV1, input };
      }
    }
  }
}

function weightedIndex(rng: Rng, weights: readonly number[]): number {
  let r = rng.next() * weights.reduce((s, w) => s + w, 0);
  for (const [i, w] of weights.entries()) {
    r -= w;
    if (r < 0) return i;
  }
  return weights.length - 1;
}

/**
 * A new standard adopting an international one, published in 2014 by the district: each one
 * raises the seed plan's `intl-adopted` count by exactly one (the live-lag probe).
 */
export function adoptedStandard(k: number, tag: string): HistoryEvent {
  const on = `2014-${String(1 + (k % 12)).padStart(2, '0')}-${String(1 + (k % 28)).padStart(2, '0')}`;
  const input = {
    aggregateId: `std-live-${tag}-${k}`,
    aggregateSeq: 1,
    actor: { department: 'market-regulation', user: 'bench' },
    reason: 'register standard',
    correlationId: randomUUID(),
    data: {
      code: `GB/T ${tag.toUpperCase()}${k}-2014`,
      level: 'national',
      body: 'GB',
      nature: 'recommended',
      title: { zh: `水泥化学分析方法 ${k}`, en: `Methods for chemical analysis of cement ${k}` },
      ics: ['91.100.10'],
      ccs: [],
      sector: 'cement',
      work: { kind: 'adopt', adopts: { code: `ISO 29581-${k}:2009`, degree: 'MOD' } },
      stage: 'published',
      isoStage: '60.60',
      participants: [],
      inDistrict: true,
      town: 'Longfeng',
      publishedOn: on,
    },
  } satisfies PublishInput<typeof StandardRegisteredV1>;
  return { contract: StandardRegisteredV1, input };
}

/**
 * Publishes an envelope as `EventPublisher.send` does (same subject, message id and headers; no
 * expected sequence, no trace context), without waiting: the caller keeps a window of these.
 */
export function publishRaw(
  js: JetStreamClient,
  topology: Topology,
  contract: EventContract,
  event: EventEnvelope,
  payload: string = JSON.stringify(event),
): Promise<PubAck> {
  return js.publish(topology.subject(contract, event.aggregate.id), payload, {
    msgID: event.id,
    headers: eventHeaders(contract, event),
    timeout: 30_000,
  });
}
