import type { Decision } from '@highland/persistence';
import type { Entry } from '../view/registry-view.js';

/** What a command handler produces: the aggregate it changes and the decision against its state. */
export interface RegistryCommand {
  aggregateId: string;
  /** The command's name: the event's reason when the caller gives none. */
  name: string;
  reason?: string;
  decide(current: Entry | undefined): Decision | undefined;
}
