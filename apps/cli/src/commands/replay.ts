import { Command } from 'commander';
import { KNOWN_SERVICES, requireAnswer } from '../ops/admin.js';
import { consumerName, out, positiveInt, serviceName, withUsageExitCodes } from '../ops/command.js';
import { withNats } from '../ops/connect.js';
import { findOwner } from '../ops/replay.js';
import { log } from '../output.js';

const EXAMPLES = `
Replay rebuilds what a consumer produced: the owning service stops the consumer, resets its
effects (its @OnReplay hook), deletes its durable position and starts it again from the first
event of its stream. Consumers without a reset hook refuse. Views that a service rebuilds in
memory (e.g. "reporting") are rebuilt in place, and the service says what it read.

Without --service the owner is found by asking each service (${KNOWN_SERVICES.join(', ')})
which consumers it runs.

Examples:
  $ ./highland replay reporting-standards
  $ ./highland replay reporting-standards --service reporting
  $ ./highland replay reporting --service reporting`;

/** What the service answered, for people: a restarted consumer, or a view rebuilt in place (with its result). */
export function describeReplay(service: string, consumer: string, answer: Record<string, unknown>): string {
  const what = `${service}/${consumer}`;
  if (answer.replaying !== true) return `${what}: ${JSON.stringify(answer)}`;
  if (answer.result !== undefined) {
    return `${what}: rebuilt from the start of its stream: ${JSON.stringify(answer.result)}`;
  }
  return `${what}: replay started: its effects were reset and it re-reads its stream from the first event`;
}

/** `./highland replay <consumer>`: rebuild a consumer's effects from the start of its stream. */
export function replayCommand(): Command {
  const replay = new Command('replay')
    .description("rebuild a consumer's effects from the start of its stream")
    .argument('<consumer>', 'the consumer (durable) name', consumerName)
    .option(
      '--service <name>',
      'the service that runs the consumer (default: ask every service)',
      serviceName,
    )
    .option(
      '--timeout <seconds>',
      'how long to wait for the service to reset and restart it',
      positiveInt('--timeout', 3600),
      30,
    )
    .addHelpText('after', EXAMPLES)
    .action(async (consumer: string, opts: { service?: string; timeout: number }) => {
      await withNats(async (session) => {
        let service = opts.service;
        if (!service) {
          service = await findOwner(session, consumer);
          log(`consumer "${consumer}" runs on the ${service} service`);
        }
        const answer = await requireAnswer(session, service, 'replay', { consumer }, opts.timeout * 1000);
        out(describeReplay(service, consumer, answer));
      });
    });
  return withUsageExitCodes(replay);
}
