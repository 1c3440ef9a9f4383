import { findKeyword, type KeywordPattern, type PreparedText } from '../keywords.js';
import type { ExporterProfile } from '../profile.js';
import { CodeBook } from './code-book.js';
import { cmp, grown, push } from './collections.js';
import { GATE_AREA_BITS, PostingStore, SLOT_LIMIT, type SlotGates } from './postings.js';
import { compileOnce, isPrepared, prepareNotification, type PreparedNotification } from './prepare.js';
import {
  hsPrefixes,
  icsPrefixes,
  reason,
  type MatchableNotification,
  type MatchReason,
  type ProfileMatch,
} from './rules.js';

/*
 * The index is laid out for memory, not objects: at 100,000 profiles its cost is cache
 * misses, and a read in the JS heap (hundreds of MB) costs ~200 ns where one in a few-MB typed
 * array costs ~15. So what matching reads per profile or posting lives in flat typed arrays.
 */

/** Keyword reason fields in {@link compareReasons} order; a keyword's reasons are kept by these. */
const KEYWORD_FIELDS = ['description', 'keywords', 'products', 'title'] as const;
const KEYWORD_FIELD_AT: Readonly<Record<string, number>> = {
  description: 0,
  keywords: 1,
  products: 2,
  title: 3,
};

/**
 * A slot's record in `ProfileIndex.records`, 8 words at `slot * STRIDE` (no indirection: one
 * memory read): a header, then its market, HS, ICS, keyword and objective ids when they fit (most
 * profiles), else where they are in `spill` (the five counts, then the ids). Header: the five
 * counts in 4 bits each (when inline), area bits (none: both areas), and `SPILLED`.
 */
const STRIDE = 8;
const COUNT_BITS = 4;
const COUNT_MASK = (1 << COUNT_BITS) - 1;
const AREA_SHIFT = 5 * COUNT_BITS;
const SPILLED = 1 << (AREA_SHIFT + 3);
/** Matches whose record and names are read in a batch before explaining them. */
const READ_AHEAD = 16;

/**
 * Profiles indexed for matching at scale (100,000 profiles: well under a millisecond per
 * notification). The same rules and the same answer as {@link naiveMatch}, found through:
 * - HS and ICS: the profiles' distinct codes, each with its postings; a notification code finds
 *   the codes at or under it (one lookup) and those above it (its prefixes), and with them both
 *   the postings and the reasons;
 * - keywords: distinct keywords (as written) indexed by their longest folded word (short words
 *   are the common ones) or a CJK bigram; a keyword is looked for in the notification once, and
 *   only when it occurs are the postings of its profiles read;
 * - market and area: each key's postings are grouped by market and area, and a group is read
 *   only when its market covers the notifying member (or is any) and its area is the
 *   notification's (or any): the gate costs one check per group, and what is read matches;
 * - the matches are marked in a bitmap (deduplicated, read back in slot order, no sorting); a
 *   profile's ids are kept sorted by their text, so its reasons come out in
 *   {@link compareReasons} order without sorting.
 * Results come in the order profiles were added. `add` replaces a profile with the same id and
 * keeps the index current, so it can be fed profile by profile from events.
 */
export class ProfileIndex {
  private profiles: (ExporterProfile | undefined)[] = [];
  /** Profile id and enterprise id of each slot, side by side: one memory read for both. */
  private names: string[] = [];
  private readonly slotOf = new Map<string, number>();
  private removed = 0;
  /** Removed slots, one bit each: their postings are skipped until compacted or rebuilt. */
  private removedBits = new Uint32Array(0);
  /** Per slot: its record (`STRIDE`). */
  private records = new Uint32Array(0);
  private spill = new Uint32Array(0);
  private spillUsed = 0;
  // Where `open` found a slot's ids, and how many of each.
  private ids = this.records;
  private idsAt = 0;
  private marketCount = 0;
  private hsCount = 0;
  private icsCount = 0;
  private keywordCount = 0;
  private objectiveCount = 0;

  private markets = new Map<string, number>();
  private areas = new Map<string, number>();
  private hs = new CodeBook('hs', 'hsCodes', hsPrefixes);
  private ics = new CodeBook('ics', 'icsCodes', icsPrefixes);
  private keywordIds = new Map<string, number>();
  private keywords: KeywordPattern[] = [];
  private keywordPostings = new PostingStore();
  private objectiveIds = new Map<string, number>();
  private objectives: KeywordPattern[] = [];
  /** Keyword ids by index word, by CJK gram, and those with neither (looked for every time). */
  private readonly keywordsByWord = new Map<string, number[]>();
  private readonly keywordsByGram = new Map<string, number[]>();
  private keywordsUnkeyed: number[] = [];

  // Per notification (one `match` at a time): stamps equal to `epoch` mark what this match has
  // seen, so nothing is cleared between matches.
  private epoch = 0;
  /** Slots let through, one bit each: deduplicated, and read back in slot order without sorting. */
  private matchedBits = new Uint32Array(0);
  private matchedSlots = new Uint32Array(0);
  /** Where the batched reads of records and names go, so they are not optimised away. */
  private sink = 0;
  private matchedLow = 0;
  private matchedHigh = -1;
  private marketSeen = new Uint32Array(0);
  private readonly coveringMarkets: number[] = [];
  private readonly marketReasons: MatchReason[] = [];
  private anyMarket!: MatchReason;
  /** The notification's area as a slot's area bit (0: no profile names it), and as a group gate's area (-1: none). */
  private areaBit = 0;
  private areaGate = -1;
  private areaAny!: MatchReason;
  private areaOwn!: MatchReason;
  private keywordSeen = new Uint32Array(0);
  /** Keyword id × 4 fields (`KEYWORD_FIELDS`) → its reason there. */
  private readonly keywordReasons: (MatchReason | undefined)[] = [];
  private objectiveSeen = new Uint32Array(0);
  private readonly objectiveReasons: (MatchReason | undefined)[] = [];
  /** A match's reasons are gathered here, then copied out at their exact size (less garbage). */
  private readonly scratch: MatchReason[] = [];
  private pn!: PreparedNotification;

  constructor(profiles: Iterable<ExporterProfile> = []) {
    for (const profile of profiles) this.add(profile);
    this.compact();
  }

  private readonly slotGates: SlotGates = {
    gatesOf: (slot) => {
      if (this.isRemoved(slot)) return undefined;
      const areaBits = this.open(slot);
      const markets = this.marketCount === 0 ? [0] : [];
      for (let i = 0; i < this.marketCount; i += 1) markets.push(this.ids[this.idsAt + i]! + 1);
      const areas = areaBits === 0 ? [0] : [];
      for (let a = 0; a < 3; a += 1) if ((areaBits & (1 << a)) !== 0) areas.push(a + 1);
      return markets.flatMap((m) => areas.map((a) => (m << GATE_AREA_BITS) | a));
    },
    isRemoved: (slot) => this.isRemoved(slot),
  };

  /** Finds slot `slot`'s ids and counts (`ids`, `idsAt`, `marketCount`…); returns its area bits. */
  private open(slot: number): number {
    const header = this.records[slot * STRIDE]!;
    if ((header & SPILLED) === 0) {
      this.ids = this.records;
      this.idsAt = slot * STRIDE + 1;
      this.marketCount = header & COUNT_MASK;
      this.hsCount = (header >>> COUNT_BITS) & COUNT_MASK;
      this.icsCount = (header >>> (2 * COUNT_BITS)) & COUNT_MASK;
      this.keywordCount = (header >>> (3 * COUNT_BITS)) & COUNT_MASK;
      this.objectiveCount = (header >>> (4 * COUNT_BITS)) & COUNT_MASK;
    } else {
      const at = this.records[slot * STRIDE + 1]!;
      this.ids = this.spill;
      this.idsAt = at + 5;
      this.marketCount = this.spill[at]!;
      this.hsCount = this.spill[at + 1]!;
      this.icsCount = this.spill[at + 2]!;
      this.keywordCount = this.spill[at + 3]!;
      this.objectiveCount = this.spill[at + 4]!;
    }
    return (header >>> AREA_SHIFT) & 7;
  }

  private isRemoved(slot: number): boolean {
    return (this.removedBits[slot >>> 5]! & (1 << (slot & 31))) !== 0;
  }

  get size(): number {
    return this.slotOf.size;
  }

  has(profileId: string): boolean {
    return this.slotOf.has(profileId);
  }

  get(profileId: string): ExporterProfile | undefined {
    const slot = this.slotOf.get(profileId);
    return slot === undefined ? undefined : this.profiles[slot];
  }

  /** Adds a profile, or replaces the one with the same id. */
  add(profile: ExporterProfile): void {
    if (this.slotOf.has(profile.id)) this.remove(profile.id);
    // The same normalisation as the naive scan: codes, markets and keywords mean the same. Not
    // cached: the index keeps ids, not the compiled profile.
    const cp = compileOnce(profile);
    const slot = this.profiles.length;
    if (slot >= SLOT_LIMIT) throw new Error('too many profiles for the index');
    const byText = (a: string, b: string) => cmp(a, b);
    const byOriginal = (a: KeywordPattern, b: KeywordPattern) => cmp(a.original, b.original);
    const markets = cp.markets.map((m) => this.marketId(m));
    let areaBits = 0;
    for (const area of cp.areas ?? []) areaBits |= 1 << this.areaIndex(area);
    // Codes and keywords sorted by their text: reasons then come out in order.
    const hs = [...cp.hs].sort(byText).map((c) => this.hs.intern(c));
    const ics = [...cp.ics].sort(byText).map((c) => this.ics.intern(c));
    const keywords = [...cp.keywords].sort(byOriginal).map((p) => this.keywordId(p));
    const objectives = [...cp.objectives].sort(byOriginal).map((p) => this.objectiveId(p));
    const groups = [markets, hs, ics, keywords, objectives];
    const all = groups.flat();

    this.removedBits = grown(this.removedBits, (slot >>> 5) + 1);
    this.records = grown(this.records, (slot + 1) * STRIDE);
    const at = slot * STRIDE;
    if (all.length < STRIDE && groups.every((g) => g.length <= COUNT_MASK)) {
      let header = areaBits << AREA_SHIFT;
      groups.forEach((g, i) => (header |= g.length << (i * COUNT_BITS)));
      this.records[at] = header;
      this.records.set(all, at + 1);
    } else {
      this.records[at] = (areaBits << AREA_SHIFT) | SPILLED;
      this.records[at + 1] = this.spillUsed;
      this.spill = grown(this.spill, this.spillUsed + 5 + all.length);
      this.spill.set([...groups.map((g) => g.length), ...all], this.spillUsed);
      this.spillUsed += 5 + all.length;
    }

    this.profiles.push(profile);
    this.names.push(profile.id, profile.enterpriseId);
    this.slotOf.set(profile.id, slot);
    for (const [store, ids] of [
      [this.hs.postings, hs],
      [this.ics.postings, ics],
      [this.keywordPostings, keywords],
    ] as const) {
      let due = false;
      for (const id of ids) due = store.add(id, slot) || due;
      if (due) store.compact(this.slotGates);
    }
  }

  /**
   * Folds the profiles added one by one into the compact postings. The index does so by itself
   * once they are a quarter of them; calling this after a bulk load (a replay) makes every
   * posting compact at once.
   */
  compact(): void {
    this.hs.postings.compact(this.slotGates);
    this.ics.postings.compact(this.slotGates);
    this.keywordPostings.compact(this.slotGates);
  }

  private marketId(market: string): number {
    let id = this.markets.get(market);
    if (id === undefined) this.markets.set(market, (id = this.markets.size));
    return id;
  }

  private areaIndex(area: string): number {
    let index = this.areas.get(area);
    if (index === undefined) {
      // TBT and SPS: a group gate has room for three.
      if (this.areas.size >= 3) throw new Error(`too many areas for the index: ${area}`);
      this.areas.set(area, (index = this.areas.size));
    }
    return index;
  }

  /** Keywords are interned by the text as written: the same text compiles to the same pattern. */
  private keywordId(pattern: KeywordPattern): number {
    let id = this.keywordIds.get(pattern.original);
    if (id !== undefined) return id;
    id = this.keywords.length;
    this.keywordIds.set(pattern.original, id);
    this.keywords.push(pattern);
    if (pattern.indexKey === '') this.keywordsUnkeyed.push(id);
    else push(pattern.mode === 'words' ? this.keywordsByWord : this.keywordsByGram, pattern.indexKey, id);
    return id;
  }

  private objectiveId(pattern: KeywordPattern): number {
    let id = this.objectiveIds.get(pattern.original);
    if (id === undefined) {
      this.objectiveIds.set(pattern.original, (id = this.objectives.length));
      this.objectives.push(pattern);
    }
    return id;
  }

  /** Removes a profile; its postings are skipped until the next rebuild. */
  remove(profileId: string): boolean {
    const slot = this.slotOf.get(profileId);
    if (slot === undefined) return false;
    this.profiles[slot] = undefined;
    this.removedBits[slot >>> 5] = this.removedBits[slot >>> 5]! | (1 << (slot & 31));
    this.slotOf.delete(profileId);
    this.removed += 1;
    if (this.removed > 1024 && this.removed > this.slotOf.size) this.rebuild();
    return true;
  }

  private rebuild(): void {
    const live = this.profiles.filter((p): p is ExporterProfile => p !== undefined);
    this.profiles = [];
    this.names = [];
    this.slotOf.clear();
    this.spillUsed = 0;
    this.removedBits.fill(0);
    this.markets = new Map();
    this.areas = new Map();
    this.hs = new CodeBook('hs', 'hsCodes', hsPrefixes);
    this.ics = new CodeBook('ics', 'icsCodes', icsPrefixes);
    this.keywordIds = new Map();
    this.keywords = [];
    this.keywordPostings = new PostingStore();
    this.objectiveIds = new Map();
    this.objectives = [];
    this.keywordsByWord.clear();
    this.keywordsByGram.clear();
    this.keywordsUnkeyed = [];
    this.removed = 0;
    for (const profile of live) this.add(profile);
    this.compact();
  }

  /**
   * The profiles `notification` concerns, each with its reasons: the profiles on the postings of
   * the codes it concerns and of the keywords that occur in it, kept when market and area let
   * them through.
   */
  match(notification: MatchableNotification | PreparedNotification): ProfileMatch[] {
    const pn = isPrepared(notification) ? notification : prepareNotification(notification);
    this.begin(pn);
    this.hs.collect(pn.hs, this.epoch);
    for (const id of this.hs.touched) this.take(this.hs.postings, id);
    this.ics.collect(pn.ics, this.epoch);
    for (const id of this.ics.touched) this.take(this.ics.postings, id);
    for (const { text } of pn.texts) this.keywordsIn(text);
    for (const { text } of pn.keywords) this.keywordsIn(text);
    for (const id of this.keywordsUnkeyed) this.lookFor(id);

    const slots = this.matchedSlots;
    let count = 0;
    const bits = this.matchedBits;
    for (let w = this.matchedLow; w <= this.matchedHigh; w += 1) {
      let word = bits[w]! & ~this.removedBits[w]!;
      bits[w] = 0;
      while (word !== 0) {
        slots[count++] = w * 32 + 31 - Math.clz32(word & -word);
        word &= word - 1;
      }
    }
    return this.explainAll(count);
  }

  /** Starts a match: a new epoch, room for every slot and id, the notification's markets and area. */
  private begin(pn: PreparedNotification): void {
    this.pn = pn;
    this.epoch = (this.epoch + 1) >>> 0;
    if (this.epoch === 0) {
      for (const stamps of [this.marketSeen, this.keywordSeen, this.objectiveSeen]) stamps.fill(0);
      this.hs.resetStamps();
      this.ics.resetStamps();
      this.epoch = 1;
    }
    this.matchedBits = grown(this.matchedBits, (this.profiles.length >>> 5) + 1);
    this.matchedSlots = grown(this.matchedSlots, this.profiles.length);
    this.matchedLow = this.matchedBits.length;
    this.matchedHigh = -1;
    this.marketSeen = grown(this.marketSeen, this.markets.size);
    this.keywordSeen = grown(this.keywordSeen, this.keywords.length);
    this.objectiveSeen = grown(this.objectiveSeen, this.objectives.length);
    // As in group gates: 0 for profiles on any market, then each covering market's id + 1, ascending.
    this.coveringMarkets.length = 0;
    this.coveringMarkets.push(0);
    for (const market of pn.covering) {
      const id = this.markets.get(market);
      if (id === undefined) continue;
      this.coveringMarkets.push(id + 1);
      this.marketSeen[id] = this.epoch;
      this.marketReasons[id] = reason('market', market, pn.member, 'member');
    }
    this.coveringMarkets.sort((a, b) => a - b);
    this.anyMarket = reason('market', '*', pn.member, 'member');
    const area = this.areas.get(pn.area);
    this.areaBit = area === undefined ? 0 : 1 << area;
    this.areaGate = area === undefined ? -1 : area + 1;
    this.areaAny = reason('area', '*', pn.area, 'area');
    this.areaOwn = reason('area', pn.area, pn.area, 'area');
  }

  /** Marks the slots of `key`'s postings that the notification's market and area let through. */
  private take(store: PostingStore, key: number): void {
    if (key < store.compactKeys) {
      const { keyStart, groupGate } = store;
      const from = keyStart[key]!;
      const to = keyStart[key + 1]!;
      const markets = this.coveringMarkets;
      if (markets.length * 8 >= to - from) {
        for (let g = from; g < to; g += 1) {
          const gate = groupGate[g]!;
          const market = gate >>> GATE_AREA_BITS;
          if (market === 0 || this.marketSeen[market - 1] === this.epoch) this.takeGroup(store, g);
        }
      } else {
        // Groups are sorted by gate, so by market: find each covering market's by binary search.
        let g = from;
        for (const market of markets) {
          const first = market << GATE_AREA_BITS;
          let high = to;
          while (g < high) {
            const mid = (g + high) >>> 1;
            if (groupGate[mid]! < first) g = mid + 1;
            else high = mid;
          }
          for (; g < to && groupGate[g]! >>> GATE_AREA_BITS === market; g += 1) this.takeGroup(store, g);
        }
      }
    }
    const recent = store.recent[key];
    if (recent !== undefined) for (const slot of recent) if (this.lets(slot)) this.mark(slot);
  }

  /** Marks the slots of group `g` when its area is the notification's (or any); its market passed. */
  private takeGroup(store: PostingStore, g: number): void {
    const area = store.groupGate[g]! & ((1 << GATE_AREA_BITS) - 1);
    if (area !== 0 && area !== this.areaGate) return;
    const { groupEnd, data } = store;
    const bits = this.matchedBits;
    const from = g === 0 ? 0 : groupEnd[g - 1]!;
    const to = groupEnd[g]!;
    for (let i = from; i < to; i += 1) {
      const slot = data[i]!;
      bits[slot >>> 5] = bits[slot >>> 5]! | (1 << (slot & 31));
    }
    // Ascending: the first and last slots bound the words to read back.
    this.matchedLow = Math.min(this.matchedLow, data[from]! >>> 5);
    this.matchedHigh = Math.max(this.matchedHigh, data[to - 1]! >>> 5);
  }

  /** Whether the notification's market and area let slot `slot` through. */
  private lets(slot: number): boolean {
    const areaBits = this.open(slot);
    if (areaBits !== 0 && (areaBits & this.areaBit) === 0) return false;
    if (this.marketCount === 0) return true;
    for (let i = this.idsAt; i < this.idsAt + this.marketCount; i += 1) {
      if (this.marketSeen[this.ids[i]!] === this.epoch) return true;
    }
    return false;
  }

  private mark(slot: number): void {
    const w = slot >>> 5;
    this.matchedBits[w] = this.matchedBits[w]! | (1 << (slot & 31));
    this.matchedLow = Math.min(this.matchedLow, w);
    this.matchedHigh = Math.max(this.matchedHigh, w);
  }

  /** Looks for every keyword indexed under a word or gram of `text`. */
  private keywordsIn(text: PreparedText): void {
    for (const word of text.positions.keys()) {
      const ids = this.keywordsByWord.get(word);
      if (ids !== undefined) for (const id of ids) this.lookFor(id);
    }
    for (const gram of text.cjkGrams) {
      const ids = this.keywordsByGram.get(gram);
      if (ids !== undefined) for (const id of ids) this.lookFor(id);
    }
  }

  /**
   * Looks for keyword `id` in the notification, once (its reasons by field), and takes its
   * profiles when it occurs. Every keyword that can occur is looked for before explaining: one
   * never looked for does not occur (its index word or gram is not in the notification).
   */
  private lookFor(id: number): void {
    if (this.keywordSeen[id] === this.epoch) return;
    this.keywordSeen[id] = this.epoch;
    const pattern = this.keywords[id]!;
    const at = id * KEYWORD_FIELDS.length;
    let found = false;
    for (let f = 0; f < KEYWORD_FIELDS.length; f += 1) this.keywordReasons[at + f] = undefined;
    for (const { field, text } of this.pn.texts) {
      const hit = findKeyword(pattern, text);
      if (hit === undefined) continue;
      this.keywordReasons[at + KEYWORD_FIELD_AT[field]!] = reason('keyword', pattern.original, hit, field);
      found = true;
    }
    const entry = this.pn.keywords.find((k) => findKeyword(pattern, k.text) !== undefined);
    if (entry !== undefined) {
      this.keywordReasons[at + KEYWORD_FIELD_AT.keywords!] = reason(
        'keyword',
        pattern.original,
        entry.value,
        'keywords',
      );
      found = true;
    }
    if (found) this.take(this.keywordPostings, id);
  }

  /**
   * The matches of the `count` slots in `matchedSlots`, each with its reasons assembled from the
   * notification's (in sorted order: see {@link ProfileIndex}). One function with everything in
   * locals: it runs for every match.
   */
  private explainAll(count: number): ProfileMatch[] {
    const out: ProfileMatch[] = [];
    const { records, spill, names, matchedSlots: slots, epoch, scratch, hs, ics } = this;
    const { keywordSeen, keywordReasons, marketSeen, marketReasons } = this;
    let sink = 0;
    for (let from = 0; from < count; from += READ_AHEAD) {
      const to = Math.min(count, from + READ_AHEAD);
      // Touch the batch's records and names first: their cache misses overlap instead of queueing.
      for (let i = from; i < to; i += 1) {
        const slot = slots[i]!;
        sink += records[slot * STRIDE]! + (names[2 * slot] === undefined ? 1 : 0);
      }
      for (let i = from; i < to; i += 1) {
        const slot = slots[i]!;
        const header = records[slot * STRIDE]!;
        let ids = records;
        let at = slot * STRIDE + 1;
        let marketCount = header & COUNT_MASK;
        let hsCount = (header >>> COUNT_BITS) & COUNT_MASK;
        let icsCount = (header >>> (2 * COUNT_BITS)) & COUNT_MASK;
        let keywordCount = (header >>> (3 * COUNT_BITS)) & COUNT_MASK;
        let objectiveCount = (header >>> (4 * COUNT_BITS)) & COUNT_MASK;
        if ((header & SPILLED) !== 0) {
          ids = spill;
          at = records[slot * STRIDE + 1]!;
          marketCount = spill[at]!;
          hsCount = spill[at + 1]!;
          icsCount = spill[at + 2]!;
          keywordCount = spill[at + 3]!;
          objectiveCount = spill[at + 4]!;
          at += 5;
        }
        const marketsAt = at;
        at += marketCount;
        let n = hs.appendReasons(ids, at, at + hsCount, epoch, scratch, 0);
        at += hsCount;
        n = ics.appendReasons(ids, at, at + icsCount, epoch, scratch, n);
        at += icsCount;
        if (keywordCount !== 0) {
          for (let f = 0; f < KEYWORD_FIELDS.length; f += 1) {
            for (let k = at; k < at + keywordCount; k += 1) {
              const id = ids[k]!;
              if (keywordSeen[id] !== epoch) continue; // never looked for: does not occur
              const r = keywordReasons[id * KEYWORD_FIELDS.length + f];
              if (r === undefined) continue;
              scratch[n++] = r;
            }
          }
          at += keywordCount;
        }
        // Postings only hold profiles with a qualifying value, so this is a safety net.
        if (n === 0) continue;
        for (const end = at + objectiveCount; at < end; at += 1) {
          const r = this.objectiveReasonOf(ids[at]!);
          if (r === undefined) continue;
          scratch[n++] = r;
        }
        let market = -1;
        for (let m = marketsAt; m < marketsAt + marketCount; m += 1) {
          if (marketSeen[ids[m]!] === epoch) {
            market = ids[m]!;
            break;
          }
        }
        scratch[n++] = market < 0 ? this.anyMarket : marketReasons[market]!;
        const anyArea = ((header >>> AREA_SHIFT) & 7) === 0;
        scratch[n++] = anyArea ? this.areaAny : this.areaOwn;

        const reasons = scratch.slice(0, n);
        out.push({ profileId: names[2 * slot]!, enterpriseId: names[2 * slot + 1]!, reasons });
      }
    }
    this.sink = sink;
    return out;
  }

  private objectiveReasonOf(id: number): MatchReason | undefined {
    if (this.objectiveSeen[id] === this.epoch) return this.objectiveReasons[id];
    this.objectiveSeen[id] = this.epoch;
    const pattern = this.objectives[id]!;
    const hit = this.pn.objectives.find((o) => findKeyword(pattern, o.text) !== undefined);
    return (this.objectiveReasons[id] =
      hit === undefined ? undefined : reason('objective', pattern.original, hit.value, 'objectives'));
  }
}
