import { CliError } from '../output.js';
import { type AdminAnswer, askService, KNOWN_SERVICES } from './admin.js';
import type { NatsSession } from './connect.js';

export interface ServiceConsumers {
  service: string;
  answer: AdminAnswer;
}

/** The one service whose `consumers` answer lists `consumer`; explains what it found otherwise. */
export function chooseOwner(consumer: string, answers: readonly ServiceConsumers[]): string {
  const consumersOf = (a: AdminAnswer) =>
    a.kind === 'ok' && Array.isArray(a.body.consumers) ? a.body.consumers.map(String) : [];
  const owners = answers.filter((a) => consumersOf(a.answer).includes(consumer)).map((a) => a.service);
  if (owners.length === 1) return owners[0]!;
  if (owners.length > 1) {
    throw new CliError(
      `consumer "${consumer}" is on several services (${owners.join(', ')}): choose one with --service`,
      2,
    );
  }
  const seen = answers.map(({ service, answer }) => {
    switch (answer.kind) {
      case 'ok': {
        const list = consumersOf(answer);
        return `  ${service}: ${list.length ? list.join(', ') : '(no consumers)'}`;
      }
      case 'not-running':
        return `  ${service}: not running`;
      case 'timeout':
        return `  ${service}: did not answer`;
      default:
        return `  ${service}: ${answer.error}`;
    }
  });
  if (answers.every((a) => a.answer.kind === 'not-running')) {
    throw new CliError(
      `no service is running to replay "${consumer}" (asked ${answers.map((a) => a.service).join(', ')}). ` +
        'Start them with `./highland up`.',
    );
  }
  throw new CliError(`no running service has a consumer "${consumer}". Consumers found:\n${seen.join('\n')}`);
}

/** Asks every known service, in parallel, which consumers it runs. */
export async function findOwner(
  session: NatsSession,
  consumer: string,
  services: readonly string[] = KNOWN_SERVICES,
  timeoutMs = 2_000,
): Promise<string> {
  const answers = await Promise.all(
    services.map(async (service) => ({
      service,
      answer: await askService(session, service, 'consumers', {}, timeoutMs),
    })),
  );
  return chooseOwner(consumer, answers);
}
