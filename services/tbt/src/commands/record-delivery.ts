import { AlertDeliveredV1, type EventData, Rejection } from '@highland/contracts';
import type { TbtCommand } from './command.js';

/** An alert reached its exporter (or was given up); once delivered, later attempts change nothing. */
export function recordDelivery(id: string, data: EventData<typeof AlertDeliveredV1>): TbtCommand {
  return {
    aggregateId: id,
    name: `webhook ${data.outcome}`,
    // Giving up is a decision the event must explain: after how many attempts, and the last error.
    ...(data.outcome === 'dead-lettered'
      ? { reason: `given up after ${data.attempts} attempts${data.error ? `: ${data.error}` : ''}` }
      : {}),
    decide: (current) => {
      const s = current?.state;
      if (!s || s.kind !== 'alert') throw Rejection.notFound(`no alert ${id}`);
      if (s.delivery?.outcome === 'delivered') return undefined;
      // The last attempt's verdict, seen again (a redelivered final attempt), changes nothing.
      if (s.delivery?.outcome === 'dead-lettered' && data.outcome === 'dead-lettered') return undefined;
      return { contract: AlertDeliveredV1, data };
    },
  };
}
