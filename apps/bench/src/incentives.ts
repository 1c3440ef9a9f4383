import { randomBytes, randomUUID } from 'node:crypto';
import { EnterpriseStandardFiledV1, type EventEnvelope } from '@highland/contracts';
import { freePort } from '@highland/infra';
import { incentivesService } from '@highland/incentives';
import { connectNats, EventPublisher, StreamFollower, Topology } from '@highland/messaging';
import { BaseConfig, createService, listen, parseConfig } from '@highland/service-kit';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { describeMachine, machine, out, progress, startBenchInfra } from './environment.js';
import { HttpClient } from './http-client.js';

/**
 * `bench incentives`: two replicas of the incentives service (in this process) on embedded NATS +
 * FerretDB, a programme whose small budget pays far fewer applications than are eligible, every
 * approval sent at once from many clients spread over both replicas; then every approved
 * application is awarded and its payment instructed and marked paid twice (once per replica).
 * The audit reads the ledger's events back from JetStream, not from the service.
 *
 * Ends with: `incentives approvals_per_s=<n> overspent=<yuan> over_cap=<applicants> double_paid=<items>`.
 */
export interface IncentivesBenchOptions {
  quick?: boolean;
  /** Concurrent approving clients (default 32). */
  clients?: number;
}

const FEN_PER_ITEM = 100_000; // 1,000 yuan an item

export async function runIncentivesBench(opts: IncentivesBenchOptions = {}): Promise<void> {
  const enterprises = opts.quick ? 20 : 60;
  const perEnterprise = 10;
  const clients = opts.clients ?? 32;
  const applications = enterprises * perEnterprise;
  // the budget pays a quarter of what is eligible; the cap lets an enterprise hold 4 of its 10
  const budgetFen = Math.floor(applications / 4) * FEN_PER_ITEM;
  const capFen = 4 * FEN_PER_ITEM;
  const infra = await startBenchInfra();
  const apps: NestExpressApplication[] = [];
  const namespace = `bench-inc-${randomBytes(3).toString('hex')}`;
  const officeKey = `hl_bench_office_${randomBytes(24).toString('hex')}`;
  const nats = await connectNats({
    url: infra.natsUrl,
    name: 'bench-incentives',
    credentialsFile: infra.natsCredentialsFile,
  });
  try {
    const bases: string[] = [];
    for (let i = 0; i < 2; i++) {
      const port = await freePort();
      const config = parseConfig(BaseConfig, {
        PORT: String(port),
        HOST: '127.0.0.1',
        NATS_URL: infra.natsUrl,
        ...(infra.natsCredentialsFile ? { NATS_CREDENTIALS_FILE: infra.natsCredentialsFile } : {}),
        MONGO_URL: `${infra.mongoUrl.replace(/\/[^/]*$/, '')}/highland_incentives_bench`,
        HIGHLAND_NAMESPACE: namespace,
        HIGHLAND_BOOTSTRAP_OFFICE_KEY: officeKey,
        RATE_LIMIT_REQUESTS: '0',
        LOG_LEVEL: 'warn',
      });
      const app = await createService(incentivesService(config));
      await listen(app, config);
      apps.push(app);
      bases.push(`http://127.0.0.1:${port}`);
    }
    progress(`2 incentives replicas on ${bases.join(', ')}`);
    const topology = new Topology(namespace);
    const office = bases.map((b) => new HttpClient(b, officeKey, clients));
    const json = async (c: HttpClient, method: 'GET' | 'POST', path: string, body?: unknown) => {
      const a = await c.send(method, path, body === undefined ? undefined : JSON.stringify(body));
      return { status: a.status, body: (a.body ? JSON.parse(a.body) : {}) as Record<string, unknown> };
    };
    const must = async (c: HttpClient, path: string, body?: unknown) => {
      const a = await json(c, 'POST', path, body);
      if (a.status >= 300)
        throw new Error(`POST ${path}: ${a.status} ${JSON.stringify(a.body).slice(0, 300)}`);
      return a.body;
    };

    const today = new Date().toISOString().slice(0, 10);
    const year = Number(today.slice(0, 4));
    await must(office[0]!, '/programmes', {
      id: 'bench',
      name: { zh: '基准测试', en: 'bench' },
      year,
      kind: 'subsidy',
      totalBudgetFen: budgetFen,
      perApplicantCapFen: capFen,
      window: { opens: `${year}-01-01`, closes: `${year}-12-31` },
      factsPeriod: { from: `${year - 1}-01-01`, to: today },
      revisionPercent: 50,
      seriesOnce: false,
      reviewsRequired: 0,
      criteria: [],
      rules: [
        {
          id: 'filing',
          title: { zh: '企业标准' },
          fact: 'enterprise-filing',
          tiers: [{ id: 'each', amountFen: FEN_PER_ITEM }],
        },
      ],
    });

    progress(`${applications} filings published as the registry publishes them …`);
    const registry = new EventPublisher(nats.js, topology, 'registry');
    const { ensureStream } = await import('@highland/messaging');
    await ensureStream(nats.jsm, topology.eventStream('registry'));
    for (let e = 0; e < enterprises; e++)
      await Promise.all(
        Array.from({ length: perEnterprise }, (_, i) =>
          registry.publish(EnterpriseStandardFiledV1, {
            aggregateId: `fil-bench-${e}-${i}`,
            aggregateSeq: 1,
            data: {
              enterprise: `Bench Enterprise ${e}`,
              product: `p${i}`,
              standardCode: `Q/B${e}X ${i + 1}-${year}`,
              filedOn: today,
            },
            actor: { department: 'bench', user: 'bench' },
            reason: 'bench',
            correlationId: randomUUID(),
          }),
        ),
      );

    progress(`${applications} applications drafted, submitted and sent to review …`);
    const ids: string[] = [];
    const enterpriseClients: HttpClient[] = [];
    for (let e = 0; e < enterprises; e++) {
      await must(office[0]!, '/participants', {
        participantId: `ent-${e}`,
        role: 'enterprise',
        name: `Bench Enterprise ${e}`,
        organisation: `Bench Enterprise ${e}`,
      });
      const key = (await must(office[0]!, `/participants/ent-${e}/keys`)).key as string;
      enterpriseClients.push(new HttpClient(bases[0]!, key, 4));
    }
    await Promise.all(
      enterpriseClients.map(async (c, e) => {
        for (let i = 0; i < perEnterprise; i++) {
          const id = (
            await must(c, '/applications', {
              programmeId: 'bench',
              items: [{ source: 'registry', ref: `Q/B${e}X ${i + 1}-${year}` }],
            })
          ).id as string;
          await must(c, `/applications/${id}/submit`);
          await must(office[0]!, `/applications/${id}/review`, { reviewers: [] });
          ids.push(id);
        }
      }),
    );

    progress(`approving all ${ids.length} at once: ${clients} clients over both replicas …`);
    const statuses = new Map<number, number>();
    let failure: string | undefined;
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: clients }, async (_, w) => {
        while (next < ids.length) {
          const id = ids[next++]!;
          const a = await json(office[w % 2]!, 'POST', `/applications/${id}/decision`, {
            outcome: 'approve',
          });
          statuses.set(a.status, (statuses.get(a.status) ?? 0) + 1);
          if (a.status >= 500 && !failure) failure = JSON.stringify(a.body).slice(0, 300);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const approved = statuses.get(201) ?? 0;

    progress(
      `awarding and instructing the ${approved} approved, each instruction then marked paid on both replicas at once …`,
    );
    const approvedIds = (await json(office[0]!, 'GET', '/applications?programme=bench&status=approved')).body
      .items as Array<{ id: string; approvedFen: number }>;
    for (const a of approvedIds) {
      const awarded = await must(office[0]!, `/applications/${a.id}/award`, { noticeOn: today });
      const ins = await json(office[0]!, 'POST', `/applications/${a.id}/payments`, {
        instalment: 1,
        amountFen: a.approvedFen,
      });
      if (ins.status >= 300) {
        const views = await Promise.all(office.map((o) => json(o, 'GET', `/applications/${a.id}`)));
        throw new Error(
          `instruct ${a.id}: ${ins.status} ${JSON.stringify(ins.body).slice(0, 300)}; award answered ${JSON.stringify(awarded).slice(0, 200)}; views ${views.map((v) => JSON.stringify((v.body.history as unknown[]).map((h) => (h as { status: string }).status))).join(' | ')}`,
        );
      }
      const ref = encodeURIComponent(`${a.id}#1`);
      await Promise.all(
        office.map((o) =>
          json(o, 'POST', `/payments/${ref}/paid`, { financeReference: `FIN-${a.id}`, paidOn: today }),
        ),
      );
    }

    progress('auditing the ledger from JetStream …');
    const audit = await auditLedger(nats, topology, budgetFen, capFen);
    const decisionsPerS = ids.length / seconds;
    out();
    out(`machine:  ${describeMachine(machine())}`);
    out(`servers:  ${infra.describe}`);
    out(
      `run:      ${enterprises} enterprises × ${perEnterprise} eligible applications of ${FEN_PER_ITEM} fen; budget ${budgetFen} fen, cap ${capFen} fen an applicant`,
    );
    out(
      `          ${ids.length} approvals sent in ${seconds.toFixed(2)} s by ${clients} clients over 2 replicas: ${[...statuses].map(([s, n]) => `${n}×${s}`).join(', ')}`,
    );
    if (failure) out(`          first failure: ${failure}`);
    out(
      `ledger:   reserved+paid ${audit.committedFen} fen of ${budgetFen}; largest applicant ${audit.largestFen} fen; payments ${audit.payments}`,
    );
    out();
    out(
      `incentives approvals_per_s=${Math.round(decisionsPerS)} overspent=${Math.max(0, audit.committedFen - budgetFen) / 100} over_cap=${audit.overCap} double_paid=${audit.doublePaid}`,
    );
  } finally {
    for (const app of apps.reverse()) await app.close().catch(() => undefined);
    await nats.close().catch(() => undefined);
    await infra.stop();
  }
}

/** The ledger as an auditor rebuilds it: every budget and payment event of the stream, in order. */
async function auditLedger(
  nats: Awaited<ReturnType<typeof connectNats>>,
  topology: Topology,
  budgetFen: number,
  capFen: number,
) {
  const byApplicant = new Map<string, number>();
  const applicantOf = new Map<string, string>();
  const paidInstructions = new Map<string, number>();
  const paidApplications = new Map<string, number>();
  let committed = 0;
  let payments = 0;
  const stream = topology.eventStream('incentives').name;
  const last = (await nats.jsm.streams.info(stream)).state.last_seq;
  const follower = new StreamFollower(nats, {
    stream,
    filterSubjects: [topology.serviceEvents('incentives')],
    fromSeq: 1,
    onEvent: (decoded) => {
      if (!decoded.ok) return;
      const e = decoded.event as EventEnvelope<Record<string, unknown>>;
      const d = e.data;
      if (e.type === 'incentives.budget-reserved') {
        committed += d.amountFen as number;
        applicantOf.set(d.applicationId as string, d.applicant as string);
        byApplicant.set(
          d.applicant as string,
          (byApplicant.get(d.applicant as string) ?? 0) + (d.amountFen as number),
        );
      } else if (e.type === 'incentives.budget-released') {
        committed -= d.amountFen as number;
        const who = applicantOf.get(d.applicationId as string)!;
        byApplicant.set(who, byApplicant.get(who)! - (d.amountFen as number));
      } else if (e.type === 'incentives.budget-paid') {
        payments++;
        paidInstructions.set(
          d.instruction as string,
          (paidInstructions.get(d.instruction as string) ?? 0) + 1,
        );
      } else if (e.type === 'incentives.payment-paid') {
        paidApplications.set(e.aggregate.id, (paidApplications.get(e.aggregate.id) ?? 0) + 1);
      }
    },
  });
  await follower.start();
  await follower.waitFor(last, 30_000);
  await follower.stop();
  void budgetFen;
  return {
    committedFen: committed,
    largestFen: Math.max(0, ...byApplicant.values()),
    overCap: [...byApplicant.values()].filter((v) => v > capFen).length,
    doublePaid: [...paidInstructions.values(), ...paidApplications.values()].filter((n) => n > 1).length,
    payments,
  };
}
