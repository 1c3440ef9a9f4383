// A command never holds its caller past its deadline: while NATS is away the publish keeps
// retrying, and the caller gets CommandUnconfirmed (a 503 at the HTTP edge) instead of a hang.
import { StandardRegisteredV1 } from '@highland/contracts';
import type { EventPublisher, NatsHandle, Topology } from '@highland/messaging';
import { describe, expect, it } from 'vitest';
import type { AggregateView } from '../src/aggregate-view.js';
import type { Command } from '../src/command.js';
import { CommandService } from '../src/command-service.js';
import { CommandUnconfirmed } from '../src/errors.js';

const ctx = { actor: { department: 'office', user: 'test' }, correlationId: 'c' };
const register: Command<object> = {
  aggregateId: 'std-1',
  name: 'register standard',
  decide: (current) => (current ? undefined : { contract: StandardRegisteredV1, data: {} }),
};

function service(publish: () => Promise<unknown>, deadlineMs: number) {
  const publisher = { publish } as unknown as EventPublisher;
  const view = {
    get: () => undefined,
    waitFor: async () => {},
  } as unknown as AggregateView<object>;
  return new CommandService({} as NatsHandle, {} as Topology, 'registry', publisher, view, deadlineMs);
}

describe('CommandService deadline', () => {
  it('answers CommandUnconfirmed when the publish does not return in time', async () => {
    const commands = service(() => new Promise(() => {}), 50);
    const started = Date.now();
    await expect(commands.run(register, ctx)).rejects.toBeInstanceOf(CommandUnconfirmed);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('returns the result of a command that completes in time', async () => {
    const commands = service(async () => ({ seq: 3, event: { id: 'e1' }, duplicate: false }), 1_000);
    await expect(commands.run(register, ctx)).resolves.toMatchObject({ changed: true, streamSeq: 3 });
  });
});
