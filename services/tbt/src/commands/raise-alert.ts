import { AlertRaisedV1, type EventData } from '@highland/contracts';
import { alertId } from '../aggregates/ids.js';
import type { TbtCommand } from './command.js';

/** One alert per exporter and document, however often the document is imported or matched. */
export function raiseAlert(data: EventData<typeof AlertRaisedV1>): TbtCommand {
  return {
    aggregateId: alertId(data.exporterId, data.documentKey),
    name: 'notification matched',
    decide: (current) => (current ? undefined : { contract: AlertRaisedV1, data }),
  };
}
