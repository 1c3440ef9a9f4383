// The pipelined write path of a bulk import, against a scripted publisher: what the fast path
// cannot settle goes through the ordinary path, in order, and a failure is never lost.
import { Rejection, StandardRegisteredV1 } from '@highland/contracts';
import { ConcurrencyConflict, type EventPublisher } from '@highland/messaging';
import { describe, expect, it } from 'vitest';
import type { AggregateView } from '../src/aggregate-view.js';
import { BulkCommands } from '../src/bulk-commands.js';
import type { Command } from '../src/command.js';

type Script = 'ok' | 'conflict' | 'fail';

function setup(script: Record<string, Script> = {}, existing: string[] = []) {
  let seq = 100;
  const sent: Array<{ id: string; expected: number | undefined }> = [];
  const publisher = {
    envelope: (_contract: unknown, input: { aggregateId: string }) => ({
      aggregate: { id: input.aggregateId },
    }),
    send: (_contract: unknown, event: { aggregate: { id: string } }, expected?: number) => {
      const id = event.aggregate.id;
      sent.push({ id, expected });
      const outcome = script[id] ?? 'ok';
      return new Promise((resolve, reject) =>
        setTimeout(() => {
          if (outcome === 'conflict') reject(new ConcurrencyConflict(id, expected ?? 0));
          else if (outcome === 'fail') reject(new Error(`NATS is gone (${id})`));
          else resolve({ seq: ++seq, event, duplicate: false });
        }, 1),
      );
    },
  } as unknown as EventPublisher;
  let waitedFor = 0;
  const view = {
    get: (id: string) => (existing.includes(id) ? { state: {}, version: 1, streamSeq: 7 } : undefined),
    waitFor: async (s: number) => {
      waitedFor = s;
    },
  } as unknown as AggregateView<object>;
  const ran: string[] = [];
  const bulk = new BulkCommands(
    view,
    publisher,
    { actor: { department: 'office', user: 'test' }, correlationId: 'c' },
    async (command) => {
      ran.push(command.aggregateId);
      command.decide(undefined);
      return { changed: true };
    },
  );
  return { bulk, sent, ran, waited: () => waitedFor };
}

const register = (id: string, conflictWith?: string): Command<object> => ({
  aggregateId: id,
  name: 'register standard',
  decide: (current) => {
    if (current && conflictWith) throw Rejection.conflict(conflictWith);
    return current ? undefined : { contract: StandardRegisteredV1, data: {} };
  },
});

describe('BulkCommands', () => {
  it('publishes new aggregates with expected sequence 0, known ones with theirs, and waits for the view once', async () => {
    const { bulk, sent, waited } = setup({}, ['b']);
    bulk.submit(register('a'));
    bulk.submit(register('b'));
    bulk.submit(register('c'));
    await bulk.drain(0);
    const outcomes = await bulk.finish();
    expect(outcomes.map((o) => o.status)).toEqual(['recorded', 'unchanged', 'recorded']);
    expect(sent).toEqual([
      { id: 'a', expected: 0 },
      { id: 'c', expected: 0 },
    ]);
    expect(waited()).toBe(102);
  });

  it('sends a conflict and a repeated aggregate through the ordinary path, in their order', async () => {
    const { bulk, sent, ran } = setup({ b: 'conflict' });
    for (const id of ['a', 'b', 'a', 'c', 'b']) bulk.submit(register(id));
    const outcomes = await bulk.finish();
    expect(sent.map((s) => s.id)).toEqual(['a', 'b', 'c']);
    expect(ran).toEqual(['b', 'a', 'b']);
    expect(outcomes.map((o) => o.status)).toEqual([
      'recorded',
      'recorded',
      'recorded',
      'recorded',
      'recorded',
    ]);
  });

  it('reports a refused decision as the row’s rejection', async () => {
    const { bulk } = setup({}, ['x']);
    bulk.submit(register('x', 'already registered with other details'));
    const [outcome] = await bulk.finish();
    expect(outcome).toMatchObject({ status: 'rejected' });
    expect((outcome as { rejection: Error }).rejection.message).toBe('already registered with other details');
  });

  it('fails the whole batch when a publish fails for good, and leaves no unhandled rejection', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const { bulk } = setup({ b: 'fail', d: 'fail' });
      for (const id of ['a', 'b', 'c']) bulk.submit(register(id));
      await bulk.drain(1);
      bulk.submit(register('d'));
      await expect(bulk.finish()).rejects.toThrow('NATS is gone (b)');
      // A caller that stops submitting before draining leaves its failures handled too.
      const other = setup({ e: 'fail' });
      other.bulk.submit(register('e'));
      await new Promise((r) => setTimeout(r, 20));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});
