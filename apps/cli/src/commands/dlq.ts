import { Command } from 'commander';
import { requireAnswer } from '../ops/admin.js';
import { consumerName, out, positiveInt, serviceName, withUsageExitCodes } from '../ops/command.js';
import { describeTarget, withNats } from '../ops/connect.js';
import { describeDeadLetter, dlqTable } from '../ops/dlq.js';
import { CliError } from '../output.js';

const EXAMPLES = `
A consumer dead-letters a message it cannot handle (invalid, or failing after its retries): the
message waits in the HIGHLAND_DLQ stream under dlq.<service>.<consumer> with the reason.

Examples:
  $ ./highland dlq list
  $ ./highland dlq list --service reporting --consumer reporting-standards
  $ ./highland dlq show 42
  $ ./highland dlq redrive reporting reporting-standards           # every dead letter of the consumer
  $ ./highland dlq redrive reporting reporting-standards --seq 42  # just one

NATS: NATS_URL, else \`./highland infra up\`, else 127.0.0.1:14222; HIGHLAND_NAMESPACE for a namespace.`;

interface RedriveAnswer {
  redriven: number[];
  failed: Array<{ seq: number; reason: string }>;
}

/** `./highland dlq`: dead letters (list, show, redrive). */
export function dlqCommand(): Command {
  const dlq = new Command('dlq')
    .description('dead letters: list them, show one, redrive them through their consumer')
    .addHelpText('after', EXAMPLES);

  dlq
    .command('list')
    .description('list dead letters: seq, consumer, event type, deliveries, time, reason')
    .option('--service <name>', 'only those of this service', serviceName)
    .option('--consumer <name>', 'only those of this consumer', consumerName)
    .option('--limit <n>', 'at most this many (oldest first)', positiveInt('--limit', 100_000), 1000)
    .action(async (opts: { service?: string; consumer?: string; limit: number }) => {
      const { listDeadLetters } = await import('@highland/messaging');
      await withNats(async ({ nats, topology, target }) => {
        const letters = await listDeadLetters(
          nats.jsm,
          topology,
          opts.service ?? '*',
          opts.consumer ?? '*',
          opts.limit,
        );
        const scope = [
          opts.service && `service ${opts.service}`,
          opts.consumer && `consumer ${opts.consumer}`,
        ]
          .filter(Boolean)
          .join(', ');
        if (letters.length === 0) {
          out(`no dead letters${scope ? ` for ${scope}` : ''} at ${describeTarget(target)}`);
          return;
        }
        out(dlqTable(letters, topology.namespace, !opts.service));
        out(
          `${letters.length} dead letter(s)${scope ? ` for ${scope}` : ''}` +
            (letters.length >= opts.limit ? ` (the first ${opts.limit}; raise --limit for more)` : '') +
            '; `./highland dlq show <seq>` for one',
        );
      });
    });

  dlq
    .command('show')
    .description('show one dead letter: reason, original subject/stream/seq, every header, the payload')
    .argument(
      '<seq>',
      'its sequence number in the DLQ stream (first column of `dlq list`)',
      positiveInt('<seq>'),
    )
    .action(async (seq: number) => {
      const { getDeadLetter } = await import('@highland/messaging');
      await withNats(async ({ nats, topology }) => {
        const stream = topology.dlqStream().name;
        const letter = await getDeadLetter(nats.jsm, topology, seq);
        if (!letter) throw new CliError(`no dead letter #${seq} in ${stream} (see \`./highland dlq list\`)`);
        out(describeDeadLetter(letter, stream, topology.namespace));
      });
    });

  dlq
    .command('redrive')
    .description(
      'hand dead letters back to their consumer: the running service handles each again and removes it when it succeeds',
    )
    .argument('<service>', 'the service that owns the consumer (e.g. reporting)', serviceName)
    .argument('<consumer>', 'the consumer (durable) name, as in `dlq list`', consumerName)
    .option('--seq <n>', 'only this dead letter', positiveInt('--seq'))
    .option('--timeout <seconds>', 'how long to wait for the service', positiveInt('--timeout', 3600), 30)
    .action(async (service: string, consumer: string, opts: { seq?: number; timeout: number }) => {
      await withNats(async (session) => {
        const answer = (await requireAnswer(
          session,
          service,
          'dlq.redrive',
          { consumer, ...(opts.seq !== undefined ? { seq: opts.seq } : {}) },
          opts.timeout * 1000,
        )) as unknown as RedriveAnswer;
        const redriven = Array.isArray(answer.redriven) ? answer.redriven : [];
        const failed = Array.isArray(answer.failed) ? answer.failed : [];
        const what = `${service}/${consumer}`;
        if (redriven.length === 0 && failed.length === 0) {
          if (opts.seq !== undefined) {
            throw new CliError(
              `${what}: no dead letter #${opts.seq} of this consumer (see \`./highland dlq list --consumer ${consumer}\`)`,
            );
          }
          out(`${what}: no dead letters to redrive`);
          return;
        }
        if (redriven.length) {
          out(`${what}: redriven ${redriven.length}: ${redriven.map((s) => `#${s}`).join(', ')}`);
        }
        if (failed.length) {
          out(`${what}: failed ${failed.length} (they stay in the DLQ):`);
          for (const f of failed) out(`  #${f.seq}: ${f.reason}`);
          throw new CliError(`${failed.length} dead letter(s) could not be redriven`);
        }
      });
    });

  return withUsageExitCodes(dlq);
}
