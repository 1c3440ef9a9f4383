import { cmp, grown } from './collections.js';
import { PostingStore } from './postings.js';
import { reason, type MatchReason } from './rules.js';

function byNotificationValue(a: MatchReason, b: MatchReason): number {
  return cmp(a.notificationValue, b.notificationValue);
}

/**
 * The distinct HS (or ICS) codes of the profiles, as ids, with their postings; and per
 * notification the reasons each code has, found from the notification's codes (the profile codes
 * at or under each, and those above it): the work is per code the notification concerns, and the
 * reasons are built once per code, never per profile.
 */
export class CodeBook {
  private readonly ids = new Map<string, number>();
  /** For each prefix of each code (itself included): the code's id, then its reason when that prefix is the notification's code. */
  private readonly atOrUnder = new Map<string, (number | MatchReason)[]>();
  readonly postings = new PostingStore();
  private size = 0;
  // Per notification.
  seen = new Uint32Array(0);
  /** Most codes have one reason per notification: no array for those. */
  readonly first: MatchReason[] = [];
  readonly more: (MatchReason[] | undefined)[] = [];
  /** Codes with reasons this notification, in the order found. */
  readonly touched: number[] = [];

  constructor(
    private readonly rule: 'hs' | 'ics',
    private readonly field: string,
    private readonly properPrefixes: (code: string) => string[],
  ) {}

  intern(code: string): number {
    let id = this.ids.get(code);
    if (id !== undefined) return id;
    id = this.size++;
    this.ids.set(code, id);
    for (const prefix of [...this.properPrefixes(code), code]) {
      const entry = this.atOrUnder.get(prefix);
      const r = reason(this.rule, code, prefix, this.field);
      if (entry === undefined) this.atOrUnder.set(prefix, [id, r]);
      else entry.push(id, r);
    }
    return id;
  }

  /**
   * Finds the reasons of every profile code for the notification's codes, the pairs
   * {@link qualifyingReasons} compares one by one: a notification code at or above the profile
   * code, or under it.
   */
  collect(codes: readonly string[], epoch: number): void {
    this.touched.length = 0;
    if (codes.length === 0) return;
    this.seen = grown(this.seen, this.size);
    for (const n of codes) {
      const entry = this.atOrUnder.get(n);
      if (entry !== undefined) {
        for (let i = 0; i < entry.length; i += 2)
          this.add(entry[i] as number, entry[i + 1] as MatchReason, epoch);
      }
      for (const q of this.properPrefixes(n)) {
        const id = this.ids.get(q);
        if (id !== undefined) this.add(id, reason(this.rule, q, n, this.field), epoch);
      }
    }
    for (const id of this.touched) this.more[id]?.sort(byNotificationValue);
  }

  private add(id: number, r: MatchReason, epoch: number): void {
    if (this.seen[id] !== epoch) {
      this.seen[id] = epoch;
      this.first[id] = r;
      this.more[id] = undefined;
      this.touched.push(id);
    } else (this.more[id] ??= [this.first[id]!]).push(r);
  }

  resetStamps(): void {
    this.seen.fill(0);
  }

  /** Appends to `out` from `n` the reasons of the codes ids[from, end) this notification concerns; returns the new length. */
  appendReasons(
    ids: Uint32Array,
    from: number,
    end: number,
    epoch: number,
    out: MatchReason[],
    n: number,
  ): number {
    for (let at = from; at < end; at += 1) {
      const id = ids[at]!;
      if (this.seen[id] !== epoch) continue;
      const more = this.more[id];
      if (more === undefined) out[n++] = this.first[id]!;
      else for (const r of more) out[n++] = r;
    }
    return n;
  }
}
