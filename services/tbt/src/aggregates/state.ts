import type {
  AlertAcknowledgedV1,
  AlertDeliveredV1,
  AlertRaisedV1,
  EventData,
  EventEnvelope,
  ExporterProfileRecordedV1,
  NotificationRecordedV1,
} from '@highland/contracts';

export type NotificationDoc = EventData<typeof NotificationRecordedV1> & { recordedAt: string };
export interface ThreadState {
  kind: 'thread';
  threadKey: string;
  documents: NotificationDoc[];
  status: NotificationDoc['threadStatus'];
  deadline?: string;
}
export type ProfileState = { kind: 'profile' } & EventData<typeof ExporterProfileRecordedV1> & {
    updatedAt: string;
  };
export type AlertState = { kind: 'alert' } & EventData<typeof AlertRaisedV1> & {
    raisedAt: string;
    delivery?: EventData<typeof AlertDeliveredV1> & { at: string };
    acknowledgement?: EventData<typeof AlertAcknowledgedV1> & { at: string; by: string };
  };
export type TbtState = ThreadState | ProfileState | AlertState;

/** Folds one TBT event into its aggregate. */
export function reduce(state: TbtState | undefined, e: EventEnvelope): TbtState {
  switch (e.type) {
    case 'tbt.notification-recorded': {
      const d = e.data as EventData<typeof NotificationRecordedV1>;
      const prev = state as ThreadState | undefined;
      return {
        kind: 'thread',
        threadKey: d.threadKey,
        documents: [...(prev?.documents ?? []), { ...d, recordedAt: e.occurredAt }],
        status: d.threadStatus,
        ...(d.threadDeadline ? { deadline: d.threadDeadline } : {}),
      };
    }
    case 'tbt.exporter-profile-recorded':
      return {
        kind: 'profile',
        ...(e.data as EventData<typeof ExporterProfileRecordedV1>),
        updatedAt: e.occurredAt,
      };
    case 'tbt.alert-raised':
      return { kind: 'alert', ...(e.data as EventData<typeof AlertRaisedV1>), raisedAt: e.occurredAt };
    case 'tbt.alert-delivered':
      return {
        ...(state as AlertState),
        delivery: { ...(e.data as EventData<typeof AlertDeliveredV1>), at: e.occurredAt },
      };
    case 'tbt.alert-acknowledged':
      return {
        ...(state as AlertState),
        acknowledgement: {
          ...(e.data as EventData<typeof AlertAcknowledgedV1>),
          at: e.occurredAt,
          by: e.actor.user,
        },
      };
    default:
      return state as TbtState;
  }
}
