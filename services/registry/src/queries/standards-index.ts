import type { StandardState } from '../domain/aggregates/state.js';
import { Bitset, SlotList } from './slot-sets.js';

/** What a list query can ask of the standards; every field given must hold (AND). */
export interface StandardFilter {
  level?: string;
  stage?: string;
  sector?: string;
  kind?: string;
  project?: number;
  inDistrict?: boolean;
  /** Prefix of the normalised code, compared as given. */
  codePrefix?: string;
  /** An ICS code, or a prefix of whole segments ("67", "67.050"). */
  ics?: string;
  /** Lead organisation or one of the participants. */
  organisation?: string;
  /** Inclusive bounds, YYYY-MM-DD; a standard without a publication date matches no date filter. */
  publishedFrom?: string;
  publishedTo?: string;
}

export interface StandardsPage {
  /** How many standards match. */
  total: number;
  /** The ids of the requested page, in code order. */
  ids: string[];
}

type Posting = Bitset | SlotList;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** YYYY-MM-DD as the number YYYYMMDD (same order as the strings); 0 for none. */
function dateNumber(date: string | undefined): number {
  const m = date ? DATE.exec(date) : null;
  return m ? Number(m[1]) * 10_000 + Number(m[2]) * 100 + Number(m[3]) : 0;
}

/** "67.050.10" → "67", "67.050", "67.050.10": the prefixes an ICS filter can name. */
function icsPrefixes(code: string): string[] {
  const out: string[] = [];
  for (let dot = code.indexOf('.'); dot !== -1; dot = code.indexOf('.', dot + 1))
    out.push(code.slice(0, dot));
  out.push(code);
  return out;
}

const lookup = <K, P>(map: Map<K, P>, key: K, make: () => P, create: boolean): P | undefined => {
  let p = map.get(key);
  if (p === undefined && create) map.set(key, (p = make()));
  return p;
};

/**
 * The standards' secondary indexes, in memory, kept current from the view's events: a slot (dense
 * integer) per standard; a bitset per level, stage, kind, project and in-district flag; a sorted
 * slot list per sector, organisation, ICS prefix and year of publication; the publication date of
 * every slot; and the code order (slots sorted by code, with each slot's rank).
 *
 * A query never looks at a standard no filter named. When one filter names few standards (a code
 * prefix, an organisation, a year), their slots are taken and tested against the other filters
 * (bit tests; dates and code ranks by column); when every filter names many, the bitsets are
 * ANDed 32 standards a step and the bits counted. `total` is the number of matches. The page
 * comes in code order by walking the code order over the matches, or, when they are few and
 * scattered, by sorting their ranks. New standards join the code order at the next `flush()`
 * (every query flushes first): sorted among themselves and merged in.
 */
export class StandardsIndex {
  private readonly slotOf = new Map<string, number>();
  private readonly ids: string[] = [];
  private readonly codes: string[] = [];
  /** The state each slot was indexed with, to know which sets to leave when it changes. */
  private readonly states: StandardState[] = [];
  private published = new Int32Array(1024);

  private readonly byLevel = new Map<string, Bitset>();
  private readonly byStage = new Map<string, Bitset>();
  private readonly byKind = new Map<string, Bitset>();
  private readonly byProject = new Map<number, Bitset>();
  private readonly byDistrict = new Map<boolean, Bitset>();
  private readonly bySector = new Map<string, SlotList>();
  private readonly byOrganisation = new Map<string, SlotList>();
  private readonly byIcs = new Map<string, SlotList>();
  /** An ICS code's lists (one per prefix), found once per code rather than once per standard. */
  private readonly icsLists = new Map<string, SlotList[]>();
  private readonly byYear = new Map<number, SlotList>();

  /** Slots in code order (the first `ordered`), and each ordered slot's position in it. */
  private order = new Int32Array(1024);
  private ordered = 0;
  private rank = new Int32Array(1024);
  /** New slots, not yet in the code order. */
  private pending: number[] = [];
  /** A code changed: the next flush sorts everything again. */
  private resort = false;

  get size(): number {
    return this.ids.length;
  }

  /** Standards added since the code order was last brought up to date. */
  get unordered(): number {
    return this.resort ? this.ids.length : this.pending.length;
  }

  upsert(id: string, s: StandardState): void {
    let slot = this.slotOf.get(id);
    const published = dateNumber(s.publishedOn);
    if (slot === undefined) {
      slot = this.ids.length;
      this.slotOf.set(id, slot);
      this.ids.push(id);
      this.codes.push(s.code);
      this.states.push(s);
      this.join(slot, s, published);
      this.pending.push(slot);
    } else {
      const was = this.states[slot]!;
      const before = this.postings(was, dateNumber(was.publishedOn), false);
      const next = this.postings(s, published, true);
      for (const p of before) if (!next.includes(p)) p.delete(slot);
      for (const p of next) if (!before.includes(p)) p.add(slot);
      this.states[slot] = s;
      if (this.codes[slot] !== s.code) {
        this.codes[slot] = s.code;
        this.resort = true;
      }
    }
    if (slot >= this.published.length) this.published = grow(this.published, slot + 1);
    this.published[slot] = published;
  }

  /** A new slot into every set of its standard (adding twice to one set is harmless). */
  private join(slot: number, s: StandardState, published: number): void {
    const bits = this.newBits;
    const list = this.newList;
    lookup(this.byLevel, s.level, bits, true)!.add(slot);
    lookup(this.byStage, s.stage, bits, true)!.add(slot);
    lookup(this.byKind, s.work.kind, bits, true)!.add(slot);
    lookup(this.byProject, s.project ?? 0, bits, true)!.add(slot);
    lookup(this.byDistrict, s.inDistrict, bits, true)!.add(slot);
    lookup(this.bySector, s.sector, list, true)!.add(slot);
    if (published) lookup(this.byYear, Math.floor(published / 10_000), list, true)!.add(slot);
    if (s.leadOrganisation) lookup(this.byOrganisation, s.leadOrganisation, list, true)!.add(slot);
    for (const o of s.participants) lookup(this.byOrganisation, o, list, true)!.add(slot);
    for (const c of s.ics) for (const p of this.icsListsOf(c)) p.add(slot);
  }

  private icsListsOf(code: string): SlotList[] {
    let lists = this.icsLists.get(code);
    if (!lists) {
      lists = icsPrefixes(code).map((prefix) => lookup(this.byIcs, prefix, this.newList, true)!);
      this.icsLists.set(code, lists);
    }
    return lists;
  }

  private readonly newBits = () => new Bitset(Math.max(1024, this.ids.length + 1));
  private readonly newList = () => new SlotList();

  /** The sets a standard belongs to (created when `create`). */
  private postings(s: StandardState, published: number, create: boolean): Posting[] {
    const bits = this.newBits;
    const list = this.newList;
    const out: Array<Posting | undefined> = [
      lookup(this.byLevel, s.level, bits, create),
      lookup(this.byStage, s.stage, bits, create),
      lookup(this.byKind, s.work.kind, bits, create),
      lookup(this.byProject, s.project ?? 0, bits, create),
      lookup(this.byDistrict, s.inDistrict, bits, create),
      lookup(this.bySector, s.sector, list, create),
    ];
    if (published) out.push(lookup(this.byYear, Math.floor(published / 10_000), list, create));
    if (s.leadOrganisation) out.push(lookup(this.byOrganisation, s.leadOrganisation, list, create));
    // Lists a standard can name twice (a participant who also leads, ICS codes of one group).
    const from = out.length;
    for (const o of s.participants) {
      const p = lookup(this.byOrganisation, o, list, create);
      if (!out.includes(p)) out.push(p);
    }
    for (const c of s.ics) {
      for (const p of this.icsListsOf(c)) if (out.indexOf(p, from) === -1) out.push(p);
    }
    return out.filter((p) => p !== undefined);
  }

  private readonly compare = (a: number, b: number): number => {
    const x = this.codes[a]!;
    const y = this.codes[b]!;
    return x < y ? -1 : x > y ? 1 : a - b;
  };

  /** Brings the code order up to date: new slots sorted among themselves, then merged in. */
  flush(): void {
    if (this.resort) {
      const all = Array.from(this.ids, (_, slot) => slot).sort(this.compare);
      this.order = Int32Array.from(all);
      this.ordered = all.length;
      this.pending = [];
      this.resort = false;
      this.rerank(0);
      return;
    }
    const pending = this.pending;
    if (pending.length === 0) return;
    this.pending = [];
    pending.sort(this.compare);
    const n = this.ordered;
    const k = pending.length;
    if (n + k > this.order.length) this.order = grow(this.order, n + k);
    const order = this.order;
    // Where each new slot goes among the old ones: a binary search each when they are few, one
    // merge pass when they are many.
    const at = new Int32Array(k);
    if (k * 24 < n) {
      let lo = 0;
      for (let j = 0; j < k; j++) {
        let hi = n;
        while (lo < hi) {
          const mid = (lo + hi) >>> 1;
          if (this.compare(order[mid]!, pending[j]!) < 0) lo = mid + 1;
          else hi = mid;
        }
        at[j] = lo;
      }
    } else {
      let i = 0;
      for (let j = 0; j < k; j++) {
        while (i < n && this.compare(order[i]!, pending[j]!) < 0) i++;
        at[j] = i;
      }
    }
    // Move the old slots up from the end, dropping each new one into its place.
    let end = n;
    for (let j = k - 1; j >= 0; j--) {
      const p = at[j]!;
      order.copyWithin(p + j + 1, p, end);
      order[p + j] = pending[j]!;
      end = p;
    }
    this.ordered = n + k;
    this.rerank(at[0]!);
  }

  private rerank(from: number): void {
    if (this.ids.length > this.rank.length) this.rank = grow(this.rank, this.ids.length);
    const order = this.order;
    const rank = this.rank;
    for (let i = from; i < this.ordered; i++) rank[order[i]!] = i;
  }

  /** Positions [lo, hi) in code order of the codes starting with `prefix`. */
  private prefixRange(prefix: string): [number, number] {
    const order = this.order;
    const codes = this.codes;
    let lo = 0;
    let hi = this.ordered;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (codes[order[mid]!]! < prefix) lo = mid + 1;
      else hi = mid;
    }
    const start = lo;
    hi = this.ordered;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (codes[order[mid]!]!.startsWith(prefix)) lo = mid + 1;
      else hi = mid;
    }
    return [start, lo];
  }

  /** The standards matching every filter given: how many, and a page of their ids in code order. */
  query(f: StandardFilter, offset: number, limit: number): StandardsPage {
    this.flush();
    const plan = this.plan(f);
    if (!plan) return { total: 0, ids: [] };
    const { sets, code, date } = plan;
    if (sets.length === 0 && !date) {
      // Only a code prefix, or nothing: the page is a slice of the code order.
      const from = code.lo + offset;
      return {
        total: code.hi - code.lo,
        ids: this.pageOf(this.order.subarray(from, Math.min(code.hi, from + limit))),
      };
    }
    const smallest = Math.min(sets[0]?.size ?? Infinity, date?.size ?? Infinity);
    if (plan.byCode && code.hi - code.lo <= smallest) {
      // Few codes with the prefix: test them in code order, so the matches come sorted.
      const matches = this.order.slice(code.lo, code.hi);
      const total = this.keep(matches, matches.length, sets, date, undefined);
      return { total, ids: this.pageOf(matches.subarray(offset, Math.min(total, offset + limit))) };
    }
    if (smallest * 16 > this.ids.length) return this.dense(plan, offset, limit);
    // A small set drives: its members, tested against the other filters, then put in code order.
    let matches: Int32Array;
    let count: number;
    if (date && date.size < (sets[0]?.size ?? Infinity)) {
      matches = new Int32Array(date.size);
      count = this.collectDates(date, matches);
      date.tested = true;
    } else {
      const first = sets.shift()!;
      matches = new Int32Array(first.size);
      count = first.collect(matches);
    }
    const total = this.keep(matches, count, sets, date, plan.byCode ? code : undefined);
    return { total, ids: this.inCodeOrder(matches, total, code, offset, limit) };
  }

  /** The sets, code range and date range a filter names; undefined when one of them is empty. */
  private plan(f: StandardFilter): Plan | undefined {
    const sets: Posting[] = [];
    const need = <K, P extends Posting>(map: Map<K, P>, key: K | undefined): boolean => {
      if (key === undefined) return true;
      const p = map.get(key);
      if (!p || p.size === 0) return false;
      if (!sets.includes(p)) sets.push(p);
      return true;
    };
    if (
      !need(this.byLevel, f.level) ||
      !need(this.byStage, f.stage) ||
      !need(this.byKind, f.kind) ||
      !need(this.byProject, f.project) ||
      !need(this.byDistrict, f.inDistrict) ||
      !need(this.bySector, f.sector) ||
      !need(this.byOrganisation, f.organisation) ||
      !need(this.byIcs, f.ics)
    )
      return undefined;
    sets.sort((a, b) => a.size - b.size);

    const byCode = f.codePrefix !== undefined;
    const [lo, hi] = byCode ? this.prefixRange(f.codePrefix!) : [0, this.ordered];
    if (lo === hi) return undefined;

    let date: DateRange | undefined;
    if (f.publishedFrom !== undefined || f.publishedTo !== undefined) {
      const from = f.publishedFrom !== undefined ? dateNumber(f.publishedFrom) : 1;
      const to = f.publishedTo !== undefined ? dateNumber(f.publishedTo) : 99_999_999;
      if (from === 0 || to === 0 || from > to) return undefined;
      date = { from, to, years: [], size: 0, tested: false };
      for (const [year, list] of this.byYear) {
        if (list.size > 0 && year * 10_000 + 9_999 >= from && year * 10_000 <= to) {
          date.years.push([year, list]);
          date.size += list.size;
        }
      }
      if (date.size === 0) return undefined;
    }
    return { sets, byCode, code: { lo, hi }, date };
  }

  /** The slots of the years in the range whose date is in it. */
  private collectDates(date: DateRange, out: Int32Array): number {
    let count = 0;
    for (const [year, list] of date.years) {
      if (year * 10_000 >= date.from && year * 10_000 + 9_999 <= date.to) {
        count = list.collect(out, count);
      } else {
        for (const s of list.slots()) {
          const d = this.published[s]!;
          if (d >= date.from && d <= date.to) out[count++] = s;
        }
      }
    }
    return count;
  }

  /** Keeps (in place, in order) the first `count` slots that every other filter also holds. */
  private keep(
    slots: Int32Array,
    count: number,
    sets: Posting[],
    date: DateRange | undefined,
    code: Range | undefined,
  ): number {
    const words = this.ids.length + 31;
    const tests = sets.map((p) => (p instanceof Bitset ? p.words : listBits(p, words >>> 5)));
    const testDate = date && !date.tested ? date : undefined;
    const published = this.published;
    const rank = this.rank;
    let kept = 0;
    next: for (let i = 0; i < count; i++) {
      const s = slots[i]!;
      const w = s >>> 5;
      const bit = 1 << (s & 31);
      for (const t of tests) if (((t[w] ?? 0) & bit) === 0) continue next;
      if (testDate) {
        const d = published[s]!;
        if (d < testDate.from || d > testDate.to) continue;
      }
      if (code) {
        const r = rank[s]!;
        if (r < code.lo || r >= code.hi) continue;
      }
      slots[kept++] = s;
    }
    return kept;
  }

  /**
   * Every filter names many standards: AND their bitsets word by word (32 standards a step),
   * check the date and code ranges on what is left, count the bits.
   */
  private dense(plan: Plan, offset: number, limit: number): StandardsPage {
    const { sets, date, code } = plan;
    const n = (this.ids.length + 31) >>> 5;
    const acc = new Uint32Array(n);
    let first = true;
    const and = (words: Uint32Array) => {
      const m = Math.min(n, words.length);
      if (first) acc.set(words.subarray(0, m));
      else {
        for (let w = 0; w < m; w++) acc[w] = acc[w]! & words[w]!;
        acc.fill(0, m);
      }
      first = false;
    };
    for (const p of sets) and(p instanceof Bitset ? p.words : listBits(p, n));
    if (date && first) {
      const slots = new Int32Array(date.size);
      const count = this.collectDates(date, slots);
      for (let i = 0; i < count; i++) acc[slots[i]! >>> 5] = acc[slots[i]! >>> 5]! | (1 << (slots[i]! & 31));
      date.tested = true;
      first = false;
    }
    let total = 0;
    const testDate = date && !date.tested ? date : undefined;
    for (let w = 0; w < n; w++) {
      let word = acc[w]!;
      if (word === 0) continue;
      if (testDate || plan.byCode) {
        for (let bits = word; bits !== 0;) {
          const low = bits & -bits;
          bits ^= low;
          const s = (w << 5) | (31 - Math.clz32(low));
          const d = this.published[s]!;
          const r = this.rank[s]!;
          if (
            (testDate && (d < testDate.from || d > testDate.to)) ||
            (plan.byCode && (r < code.lo || r >= code.hi))
          )
            word &= ~low;
        }
        acc[w] = word;
      }
      total += popcount(word);
    }
    if (offset >= total) return { total, ids: [] };
    const want = Math.min(total, offset + limit);
    if (this.walkIsLong(want, total, code)) {
      const matches = new Int32Array(total);
      let count = 0;
      for (let w = 0; w < n; w++) {
        for (let bits = acc[w]!; bits !== 0;) {
          const low = bits & -bits;
          bits ^= low;
          matches[count++] = (w << 5) | (31 - Math.clz32(low));
        }
      }
      return { total, ids: this.byRank(matches, total, offset, want) };
    }
    return { total, ids: this.walk(acc, code, offset, want) };
  }

  /** A page of the matches (`total` slots, any order) in code order. */
  private inCodeOrder(
    matches: Int32Array,
    total: number,
    code: Range,
    offset: number,
    limit: number,
  ): string[] {
    if (offset >= total) return [];
    const want = Math.min(total, offset + limit);
    if (this.walkIsLong(want, total, code)) return this.byRank(matches, total, offset, want);
    const hit = new Uint32Array((this.ids.length + 31) >>> 5);
    for (let i = 0; i < total; i++) {
      const s = matches[i]!;
      hit[s >>> 5] = hit[s >>> 5]! | (1 << (s & 31));
    }
    return this.walk(hit, code, offset, want);
  }

  /** Walking the code order to the page would pass far more standards than there are matches. */
  private walkIsLong(want: number, total: number, code: Range): boolean {
    return (want * (code.hi - code.lo)) / total > 8 * total;
  }

  /** The page [offset, want) of the matches by sorting their ranks. */
  private byRank(matches: Int32Array, total: number, offset: number, want: number): string[] {
    const ranks = new Int32Array(total);
    for (let i = 0; i < total; i++) ranks[i] = this.rank[matches[i]!]!;
    ranks.sort();
    const page = new Int32Array(want - offset);
    for (let i = offset; i < want; i++) page[i - offset] = this.order[ranks[i]!]!;
    return this.pageOf(page);
  }

  /** The page [offset, want) of the slots set in `hit`, walking the code order over the range. */
  private walk(hit: Uint32Array, code: Range, offset: number, want: number): string[] {
    const page = new Int32Array(want - offset);
    const order = this.order;
    let seen = 0;
    for (let i = code.lo; i < code.hi && seen < want; i++) {
      const s = order[i]!;
      if ((hit[s >>> 5]! & (1 << (s & 31))) === 0) continue;
      if (seen >= offset) page[seen - offset] = s;
      seen++;
    }
    return this.pageOf(page);
  }

  private pageOf(slots: Int32Array): string[] {
    return Array.from(slots, (s) => this.ids[s]!);
  }
}

interface Range {
  lo: number;
  hi: number;
}

interface DateRange {
  /** Inclusive, as YYYYMMDD. */
  from: number;
  to: number;
  /** The years that overlap the range, with their standards. */
  years: Array<[year: number, list: SlotList]>;
  /** How many standards those years hold (at least the matches). */
  size: number;
  /** The matches already came from the years (no need to test dates again). */
  tested: boolean;
}

interface Plan {
  /** The sets named, smallest first. */
  sets: Posting[];
  byCode: boolean;
  /** The code prefix's positions in the code order (all of it without a prefix). */
  code: Range;
  date: DateRange | undefined;
}

/** A sorted list as the words of a bitset. */
function listBits(list: SlotList, words: number): Uint32Array {
  const bits = new Uint32Array(words);
  list.setBits(bits);
  return bits;
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}

function grow(a: Int32Array, atLeast: number): Int32Array<ArrayBuffer> {
  const grown = new Int32Array(Math.max(atLeast, a.length * 2));
  grown.set(a);
  return grown;
}
