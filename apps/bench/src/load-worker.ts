// The load generator, in a worker thread: its HTTP clients never run on the service's event loop,
// so measured latencies are the service's, not the time a client waited for the loop they share.
import { parentPort } from 'node:worker_threads';
import { HttpClient } from './http-client.js';
import type {
  CommandsAnswer,
  CommandsJob,
  CommandStats,
  ImportAnswer,
  ImportChunk,
  ImportJob,
  LoadJob,
  QueriesAnswer,
  QueriesJob,
  StageTarget,
  WorkerMessage,
} from './load-jobs.js';
import { RecordGenerator } from './records.js';

const post = (message: WorkerMessage) => parentPort!.postMessage(message);
const progress = (text: string) => post({ type: 'progress', text });

async function runImport(job: ImportJob): Promise<ImportAnswer> {
  const client = new HttpClient(job.base, job.key, job.inFlight);
  const chunks: ImportChunk[] = new Array<ImportChunk>(job.bodies.length);
  const offsets = job.rows.map((_, i) => job.rows.slice(0, i).reduce((s, n) => s + n, 0));
  const total = job.rows.reduce((s, n) => s + n, 0);
  let next = 0;
  let done = 0;
  const started = performance.now();
  const lane = async () => {
    for (let i = next++; i < job.bodies.length; i = next++) {
      const answer = await client.send('POST', `/import?lineOffset=${offsets[i]}`, job.bodies[i], 600_000);
      const chunk: ImportChunk = {
        ms: answer.ms,
        status: answer.status,
        recorded: 0,
        unchanged: 0,
        rejected: 0,
        errors: [],
      };
      if (answer.status === 200) {
        const report = JSON.parse(answer.body) as {
          recorded: number;
          unchanged: number;
          rejected: number;
          results: Array<{ line: number; status: string; errors?: Array<{ field: string; reason: string }> }>;
        };
        chunk.recorded = report.recorded;
        chunk.unchanged = report.unchanged;
        chunk.rejected = report.rejected;
        chunk.errors = report.results
          .filter((r) => r.status === 'rejected')
          .slice(0, 3)
          .map((r) => `line ${r.line}: ${(r.errors ?? []).map((e) => `${e.field}: ${e.reason}`).join('; ')}`);
      } else {
        chunk.errors = [`HTTP ${answer.status}: ${answer.body.slice(0, 300)}`];
      }
      chunks[i] = chunk;
      done += job.rows[i]!;
      progress(
        `  import: ${done} / ${total} rows (${Math.round((done * 1000) / (performance.now() - started))}/s)`,
      );
    }
  };
  await Promise.all(Array.from({ length: Math.min(job.inFlight, job.bodies.length) }, lane));
  const elapsedMs = performance.now() - started;
  client.close();
  return { kind: 'import', elapsedMs, chunks };
}

const NEXT_STAGE: Readonly<Record<string, string>> = {
  'plan-issued': 'drafting',
  drafting: 'public-comment',
  'public-comment': 'review',
  review: 'approval',
};

const emptyStats = (): CommandStats => ({ latencies: [], ok: 0, failed: {}, sampleErrors: [] });

function count(stats: CommandStats, status: number, ms: number, body: string): boolean {
  if (status >= 200 && status < 300) {
    stats.ok++;
    stats.latencies.push(ms);
    return true;
  }
  stats.failed[String(status)] = (stats.failed[String(status)] ?? 0) + 1;
  if (stats.sampleErrors.length < 5) stats.sampleErrors.push(`HTTP ${status}: ${body.slice(0, 300)}`);
  return false;
}

async function runCommands(job: CommandsJob): Promise<CommandsAnswer> {
  const client = new HttpClient(job.base, job.key, job.clients);
  const generator = new RecordGenerator(job.seed, job.counters);
  const register = emptyStats();
  const stage = emptyStats();
  const queues: StageTarget[][] = Array.from({ length: job.clients }, () => []);
  job.stageTargets.forEach((t, i) => queues[i % job.clients]!.push({ ...t }));
  const cpu0 = process.threadCpuUsage();
  const started = performance.now();
  const deadline = started + job.durationMs;
  const ticker = setInterval(
    () =>
      progress(
        `  commands: ${register.ok + stage.ok} ok in ${Math.round((performance.now() - started) / 1000)} s`,
      ),
    5_000,
  );

  const clientLoop = async (c: number) => {
    const queue = queues[c]!;
    let current: StageTarget | undefined;
    let turn = job.mix === 'register' ? 0 : job.mix === 'stage' ? 1 : c % 2;
    while (performance.now() < deadline) {
      current ??= queue.shift();
      if (turn === 0 || !current) {
        const body = JSON.stringify(generator.next());
        try {
          const a = await client.send('POST', '/standards', body, 60_000);
          count(register, a.status, a.ms, a.body);
        } catch (err) {
          count(register, 0, 0, (err as Error).message);
        }
      } else {
        const to = NEXT_STAGE[current.stage]!;
        const path = `/standards/${encodeURIComponent(current.code)}/stage`;
        try {
          const a = await client.send('POST', path, JSON.stringify({ to, on: job.on }), 60_000);
          if (count(stage, a.status, a.ms, a.body)) current.stage = to as StageTarget['stage'];
          else current = undefined;
        } catch (err) {
          count(stage, 0, 0, (err as Error).message);
          current = undefined;
        }
        if (current && !NEXT_STAGE[current.stage]) current = undefined;
      }
      if (job.mix === 'mixed') turn ^= 1;
    }
  };
  await Promise.all(Array.from({ length: job.clients }, (_, c) => clientLoop(c)));
  clearInterval(ticker);
  const elapsedMs = performance.now() - started;
  const cpu = process.threadCpuUsage(cpu0);
  client.close();
  return { kind: 'commands', elapsedMs, clientCpuMs: (cpu.user + cpu.system) / 1000, register, stage };
}

async function runQueries(job: QueriesJob): Promise<QueriesAnswer> {
  const client = new HttpClient(job.base, job.key, job.clients);
  const latencies: number[] = [];
  const failed: Record<string, number> = {};
  const sampleErrors: string[] = [];
  let nonEmpty = 0;
  let totals = 0;
  let next = 0;
  const started = performance.now();
  const lane = async () => {
    for (let i = next++; i < job.paths.length; i = next++) {
      const a = await client.send('GET', job.paths[i]!);
      if (a.status !== 200) {
        failed[String(a.status)] = (failed[String(a.status)] ?? 0) + 1;
        if (sampleErrors.length < 5)
          sampleErrors.push(`${job.paths[i]}: HTTP ${a.status}: ${a.body.slice(0, 300)}`);
        continue;
      }
      latencies.push(a.ms);
      const total = (JSON.parse(a.body) as { total: number }).total;
      if (total > 0) nonEmpty++;
      totals += total;
    }
  };
  await Promise.all(Array.from({ length: Math.min(job.clients, job.paths.length) }, lane));
  const elapsedMs = performance.now() - started;
  client.close();
  return {
    kind: 'queries',
    elapsedMs,
    latencies,
    failed,
    sampleErrors,
    nonEmpty,
    meanTotal: latencies.length ? totals / latencies.length : 0,
  };
}

parentPort!.on('message', (job: LoadJob) => {
  const run =
    job.kind === 'import' ? runImport(job) : job.kind === 'commands' ? runCommands(job) : runQueries(job);
  run.then(
    (answer) => post({ type: 'done', answer }),
    (err: unknown) =>
      post({ type: 'error', message: err instanceof Error ? (err.stack ?? err.message) : String(err) }),
  );
});
