import { Command, InvalidArgumentError, Option } from 'commander';
import { ensureServiceNodeFlags } from '@highland/infra';
import { runReportingBench } from './reporting.js';
import { runIncentivesBench } from './incentives.js';
import { runTbtBench } from './tbt.js';

/**
 * `bench backbone` and `bench registry`: benchmarks, not tests. They print figures (a table, then
 * one machine-readable last line) and never assert timing. Each starts its own servers (embedded
 * NATS + FerretDB in a temporary folder) unless NATS_URL / MONGO_URL point elsewhere.
 *
 * The heavy modules (NestJS, the registry, the messaging library) are imported only when a
 * benchmark runs, after the OpenTelemetry SDK has started — as `node --import
 * @highland/service-kit/telemetry-register` does for the services — so HTTP, express and mongoose
 * are instrumented as in production.
 */

const positiveInt = (what: string) => (value: string) => {
  const n = Number(value.replace(/_/g, ''));
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`${what} must be a positive integer`);
  return n;
};
const nonNegativeInt = (what: string) => (value: string) => {
  const n = Number(value.replace(/_/g, ''));
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError(`${what} must be 0 or more`);
  return n;
};

async function startTelemetry(on: boolean): Promise<void> {
  if (!on) return;
  process.env.OTEL_SERVICE_NAME ??= 'highland-bench';
  await import('@highland/service-kit/telemetry-register');
}

interface BackboneFlags {
  quick?: boolean;
  messages?: number;
  window: number;
  batch: number;
  warmup?: number;
  repeat?: number;
  breakdown?: boolean;
  timeout: number;
  only?: string[];
  telemetry: boolean;
}

interface RegistryFlags {
  quick?: boolean;
  records?: number;
  chunk: number;
  importInFlight: number;
  clients: number;
  duration?: number;
  rawSeconds?: number;
  queries?: number;
  queryClients: number;
  commandMix: 'mixed' | 'register' | 'stage';
  telemetry: boolean;
  cpuProfile?: string;
  heapProfile?: string;
}

function backboneCommand(): Command {
  return new Command('backbone')
    .description(
      'JetStream through the backbone vs raw @nats-io/jetstream vs NestJS NATS transport, in one run on one embedded NATS.\n' +
        'Prints a table and ends with: backbone publish_ratio=<x> consume_ratio=<y> vs_nest_transport=<z>',
    )
    .option('--quick', 'a short run: 5,000 messages, 500 warm-up, one round')
    .option('-n, --messages <n>', 'messages per phase (default 50,000)', positiveInt('--messages'))
    .option('--window <n>', 'publishes in flight', positiveInt('--window'), 500)
    .option(
      '--batch <n>',
      'consumer pull batch (ConsumerRunner batchSize; raw max_messages is twice it, like the runner)',
      positiveInt('--batch'),
      100,
    )
    .option(
      '--warmup <n>',
      'messages of the warm-up round, 0 for none (default 5,000)',
      nonNegativeInt('--warmup'),
    )
    .option(
      '--repeat <n>',
      'measured rounds; each figure is the median (default 3, --quick 1)',
      positiveInt('--repeat'),
    )
    .option(
      '--breakdown',
      'also build the publish and consume paths up piece by piece and print what each piece costs (µs/event)',
    )
    .option(
      '--timeout <s>',
      'give up on a consume phase after this many seconds',
      positiveInt('--timeout'),
      120,
    )
    .addOption(
      new Option('--only <parts...>', 'run only some paths (the last line then says n/a)').choices([
        'raw',
        'backbone',
        'nest',
      ]),
    )
    .option('--no-telemetry', 'do not start the OpenTelemetry SDK (the services always run with it)')
    .action(async (flags: BackboneFlags) => {
      await startTelemetry(flags.telemetry);
      const { runBackbone } = await import('./backbone.js');
      await runBackbone({
        messages: flags.messages ?? (flags.quick ? 5_000 : 50_000),
        window: flags.window,
        batch: flags.batch,
        warmup: flags.warmup ?? (flags.quick ? 500 : 5_000),
        repeat: flags.repeat ?? (flags.quick ? 1 : 3),
        breakdown: flags.breakdown ?? false,
        timeoutS: flags.timeout,
        parts: new Set((flags.only ?? ['raw', 'backbone', 'nest']) as Array<'raw' | 'backbone' | 'nest'>),
        telemetry: flags.telemetry,
      });
    });
}

function registryCommand(): Command {
  return new Command('registry')
    .description(
      'The registry service in-process on embedded NATS + FerretDB: bulk import vs raw insertMany, sustained HTTP commands vs raw JetStream publish, filtered query latency.\n' +
        'Ends with: registry import_ratio=<x> commands_per_s=<y> command_p99_ms=<z> query_p99_ms=<w>',
    )
    .option('--quick', 'a short run: 10,000 records, 5 s of commands, 500 queries')
    .option('-n, --records <n>', 'standards to import (default 100,000)', positiveInt('--records'))
    .option(
      '--chunk <n>',
      'records per POST /import (the service takes at most 5,000)',
      positiveInt('--chunk'),
      5_000,
    )
    .option('--import-in-flight <n>', 'POST /import requests in flight', positiveInt('--import-in-flight'), 2)
    .option('--clients <n>', 'concurrent HTTP clients sending commands', positiveInt('--clients'), 32)
    .option('--duration <s>', 'seconds of commands (default 30)', positiveInt('--duration'))
    .option(
      '--raw-seconds <s>',
      'seconds of the raw JetStream publish baseline (default 10)',
      positiveInt('--raw-seconds'),
    )
    .option('--queries <n>', 'filtered GET /standards queries (default 2,000)', positiveInt('--queries'))
    .option('--query-clients <n>', 'concurrent query clients', positiveInt('--query-clients'), 1)
    .addOption(
      new Option(
        '--command-mix <mix>',
        'commands sent: new standards and stage moves alternating, or only one of them',
      )
        .choices(['mixed', 'register', 'stage'])
        .default('mixed'),
    )
    .option('--no-telemetry', 'do not start the OpenTelemetry SDK (the services always run with it)')
    .option(
      '--cpu-profile <file>',
      "write a CPU profile (.cpuprofile) of the service's main thread during the commands",
    )
    .option(
      '--heap-profile <file>',
      "write an allocation profile (.heapprofile) of the service's main thread during the commands",
    )
    .action(async (flags: RegistryFlags) => {
      await startTelemetry(flags.telemetry);
      const { runRegistry } = await import('./registry.js');
      await runRegistry({
        records: flags.records ?? (flags.quick ? 10_000 : 100_000),
        chunk: Math.min(flags.chunk, 5_000),
        importInFlight: flags.importInFlight,
        clients: flags.clients,
        durationS: flags.duration ?? (flags.quick ? 5 : 30),
        rawSeconds: flags.rawSeconds ?? (flags.quick ? 3 : 10),
        queries: flags.queries ?? (flags.quick ? 500 : 2_000),
        queryClients: flags.queryClients,
        commandMix: flags.commandMix,
        telemetry: flags.telemetry,
        ...(flags.cpuProfile ? { cpuProfile: flags.cpuProfile } : {}),
        ...(flags.heapProfile ? { heapProfile: flags.heapProfile } : {}),
      });
      // The in-process service may still be writing a snapshot batch to servers that are now
      // stopped (see the report): the figures are printed, so end here rather than wait for it.
      process.exit(process.exitCode ?? 0);
    });
}

function reportingCommand(): Command {
  return new Command('reporting')
    .description(
      'reporting: replay rate of a large history vs the raw stream read, and live lag to an SSE client at 500 events/s. ' +
        'Ends with: reporting replay_ratio=<x> lag_p99_ms=<y>',
    )
    .option('--quick', 'smaller sizes (100,000 events, 10 s live)')
    .action(async (flags: { quick?: boolean }) => {
      await runReportingBench({ quick: flags.quick });
      process.exit(process.exitCode ?? 0);
    });
}

function tbtCommand(): Command {
  return new Command('tbt')
    .description(
      'TBT: matching one notification against 100,000 profiles (index vs naive scan) and ePing ingest rate. ' +
        'Ends with: tbt match_p99_ms=<x> speedup_vs_scan=<y>',
    )
    .option('--quick', 'smaller sizes')
    .action(async (flags: { quick?: boolean }) => {
      await runTbtBench({ quick: flags.quick });
      process.exit(process.exitCode ?? 0);
    });
}

function incentivesCommand(): Command {
  return new Command('incentives')
    .description(
      'Incentives: two replicas approve far more eligible applications than the budget pays, concurrently; the ledger audited from JetStream. ' +
        'Ends with: incentives approvals_per_s=<n> overspent=<yuan> over_cap=<applicants> double_paid=<items>',
    )
    .option('--quick', 'smaller sizes')
    .action(async (flags: { quick?: boolean }) => {
      await runIncentivesBench({ quick: flags.quick });
      process.exit(process.exitCode ?? 0);
    });
}

function zonesCommand(): Command {
  return new Command('zones')
    .description(
      'zones: proposals and applications through the API (throughput, p99), filtered queries over 10,000 zones, evidence upload vs raw object-store put. ' +
        'Ends with: zones commands_per_s=<n> command_p99_ms=<n> query_p99_ms=<n> evidence_ratio=<x>',
    )
    .option('--quick', 'smaller sizes (2,000 zones, 500 queries)')
    .option('--zones <n>', 'zones proposed (default 10,000)', positiveInt('--zones'))
    .option('--clients <n>', 'requests in flight (default 32)', positiveInt('--clients'))
    .action(async (flags: { quick?: boolean; zones?: number; clients?: number }) => {
      const { runZonesBench } = await import('./zones.js');
      await runZonesBench(flags);
      process.exit(process.exitCode ?? 0);
    });
}

/** The service each benchmark hosts (backbone: none, so the flags every service has). */
const BENCH_SERVICE: Record<string, string | undefined> = {
  registry: 'registry',
  reporting: 'reporting',
  tbt: 'tbt',
  incentives: 'incentives',
  zones: 'zones',
};

/** `bench backbone|registry|reporting|tbt|incentives|zones`, for the ./highland CLI. */
export function benchCommand(): Command {
  return (
    new Command('bench')
      .description(
        'benchmarks (figures, never assertions): backbone, registry, reporting, tbt, incentives, zones',
      )
      // The services run in this process: with the flags they run with everywhere else.
      .hook('preAction', (_bench, sub) => ensureServiceNodeFlags(BENCH_SERVICE[sub.name()]))
      .addCommand(backboneCommand())
      .addCommand(registryCommand())
      .addCommand(reportingCommand())
      .addCommand(tbtCommand())
      .addCommand(incentivesCommand())
      .addCommand(zonesCommand())
  );
}
