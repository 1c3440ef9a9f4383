import { NotificationRecordedV1 } from '@highland/contracts';
import { threadId } from '../aggregates/ids.js';
import type { ThreadState } from '../aggregates/state.js';
import type { NotificationDraft } from '../domain/notification.js';
import { buildThread, threadKeyOf, type ThreadDocument } from '../domain/thread.js';
import type { TbtCommand } from './command.js';

export type NotificationSource = 'eping-csv' | 'eping-xlsx' | 'eping-api' | 'manual';

function asThreadDocument(d: ThreadState['documents'][number]): ThreadDocument {
  return {
    identity: { key: d.documentKey, source: 'symbol' },
    ...(d.symbol ? { symbol: d.symbol } : {}),
    kind: d.kind,
    area: d.area,
    member: d.member,
    distributedOn: d.distributedOn,
    title: d.title,
    description: d.description,
    keywords: d.keywords,
    ...(d.commentDeadline ? { commentDeadline: d.commentDeadline } : {}),
    ...(d.proposedAdoption ? { proposedAdoption: d.proposedAdoption } : {}),
    ...(d.proposedEntryIntoForce ? { proposedEntryIntoForce: d.proposedEntryIntoForce } : {}),
    referencedSymbols: d.referencedSymbols,
  };
}

/**
 * A document joins its thread once: importing the same file again finds its key there and
 * changes nothing. The thread's status and deadline are recomputed over all its documents.
 * `supersedes` names the content-hash key of the same document recorded before its symbol was
 * known (see `supersededRecord`): the earlier record is then hidden, and its alerts kept.
 */
export function recordNotification(
  draft: NotificationDraft,
  source: NotificationSource,
  supersedes?: string,
): TbtCommand {
  const threadKey = threadKeyOf(draft).key;
  return {
    aggregateId: threadId(threadKey),
    name: `record notification (${source})`,
    decide: (current) => {
      const thread = current?.state as ThreadState | undefined;
      if (thread?.documents.some((d) => d.documentKey === draft.identity.key)) return undefined;
      const built = buildThread([...(thread?.documents.map(asThreadDocument) ?? []), draft]);
      return {
        contract: NotificationRecordedV1,
        data: {
          threadKey,
          ...(draft.symbol ? { symbol: draft.symbol } : {}),
          documentKey: draft.identity.key,
          ...(supersedes ? { supersedes } : {}),
          kind: draft.kind,
          emergency: draft.emergency,
          area: draft.area,
          member: draft.member,
          distributedOn: draft.distributedOn,
          title: draft.title,
          description: draft.description,
          products: draft.products,
          hsCodes: draft.hsCodes,
          icsCodes: draft.icsCodes,
          objectives: draft.objectives,
          keywords: draft.keywords,
          regions: draft.regions,
          ...(draft.commentDeadline ? { commentDeadline: draft.commentDeadline } : {}),
          ...(draft.proposedAdoption ? { proposedAdoption: draft.proposedAdoption } : {}),
          ...(draft.proposedEntryIntoForce ? { proposedEntryIntoForce: draft.proposedEntryIntoForce } : {}),
          referencedSymbols: draft.referencedSymbols,
          ...(built.commentDeadline ? { threadDeadline: built.commentDeadline } : {}),
          threadStatus: built.status,
          documentLinks: draft.documentLinks,
          source,
        },
      };
    },
  };
}
