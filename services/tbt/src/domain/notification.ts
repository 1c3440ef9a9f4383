import type { Area } from './area.js';
import type { IsoDate } from './dates.js';
import type { NotificationIdentity } from './identity.js';

/** What a document is: ePing's `Notification type`, or the last step of its symbol. */
export const NOTIFICATION_KINDS = ['regular', 'emergency', 'addendum', 'corrigendum', 'revision'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** How the TBT/SPS area was learned, strongest first. */
export type AreaSource = 'symbol' | 'link' | 'notification-type' | 'objectives' | 'referenced-symbol';

export interface NotificationLinks {
  en?: string;
  fr?: string;
  es?: string;
}

/**
 * A notification as read from an export, a JSON body or a form, before the service records it.
 * Text is cleaned (Excel escapes decoded, spacing normalised); lists hold each value once.
 */
export interface NotificationDraft {
  identity: NotificationIdentity;
  /** Normalised symbol, when the row had one or a link revealed it (see `symbolSource`). */
  symbol?: string;
  symbolSource?: 'given' | 'link';
  area: Area;
  areaSource: AreaSource;
  kind: NotificationKind;
  /** Emergency measures (TBT Art. 2.10 / 5.7, SPS Annex B.6) and their addenda. */
  emergency: boolean;
  /** The type as the source wrote it (`Addendum to Regular Notification`). */
  notificationType: string;
  /** Canonical WTO code of the notifying member (`EU`, `USA`, `TPKM`). */
  member: string;
  /** The member's name as the source wrote it. */
  memberName: string;
  distributedOn: IsoDate;
  title: string;
  description: string;
  products: string;
  /** HS 2022 codes: 2, 4 or 6 digits (5-digit groups kept as exported). */
  hsCodes: string[];
  icsCodes: string[];
  objectives: string[];
  keywords: string[];
  /** Regions or countries likely to be affected, as written. */
  regions: string[];
  commentDeadline?: IsoDate;
  /** Links to the notified text (members.wto.org attachments, national gazettes). */
  documentLinks: string[];
  notificationLinks: NotificationLinks;
  proposedAdoption?: IsoDate;
  proposedEntryIntoForce?: IsoDate;
  /** Other symbols the title or description mentions: an addendum's base, for threading. */
  referencedSymbols: string[];
}

/**
 * The kind and emergency flag of an ePing `Notification type` (`Regular notification`,
 * `Emergency notifications (SPS)`, `Addendum to Regular Notification`, `Corrigendum to …`,
 * `Revision of …`); `undefined` when the text names none of them.
 */
export function parseNotificationType(
  text: string,
): { kind: NotificationKind; emergency: boolean } | undefined {
  const t = text.toLowerCase();
  const emergency = /emergency|urgent/.test(t);
  if (/addend/.test(t)) return { kind: 'addendum', emergency };
  if (/corrigend/.test(t)) return { kind: 'corrigendum', emergency };
  if (/revision|revised/.test(t)) return { kind: 'revision', emergency };
  if (emergency) return { kind: 'emergency', emergency };
  if (/regular|normal/.test(t)) return { kind: 'regular', emergency };
  return undefined;
}
