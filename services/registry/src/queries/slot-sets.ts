/**
 * Sets of slots (dense integers, one per indexed item) for the in-memory indexes: a bitset for
 * values many items share (level, stage: O(1) to move an item between them), a sorted list for
 * values few items share (an organisation, an ICS group: memory in proportion to the items).
 */

const wordsFor = (slots: number) => (slots + 31) >>> 5;

/** A growable bitset over slots, counting its members. */
export class Bitset {
  words: Uint32Array;
  size = 0;

  constructor(capacity = 1024) {
    this.words = new Uint32Array(wordsFor(capacity));
  }

  has(slot: number): boolean {
    const w = slot >>> 5;
    return w < this.words.length && (this.words[w]! & (1 << (slot & 31))) !== 0;
  }

  add(slot: number): void {
    const w = slot >>> 5;
    if (w >= this.words.length) {
      const grown = new Uint32Array(Math.max(w + 1, this.words.length * 2));
      grown.set(this.words);
      this.words = grown;
    }
    const bit = 1 << (slot & 31);
    if ((this.words[w]! & bit) === 0) {
      this.words[w] = this.words[w]! | bit;
      this.size++;
    }
  }

  delete(slot: number): void {
    const w = slot >>> 5;
    const bit = 1 << (slot & 31);
    if (w < this.words.length && (this.words[w]! & bit) !== 0) {
      this.words[w] = this.words[w]! & ~bit;
      this.size--;
    }
  }

  /** Writes the members in ascending order into `out` from `at`; returns the new end. */
  collect(out: Int32Array, at = 0): number {
    const words = this.words;
    for (let w = 0; w < words.length; w++) {
      let word = words[w]!;
      while (word !== 0) {
        const low = word & -word;
        out[at++] = (w << 5) | (31 - Math.clz32(low));
        word ^= low;
      }
    }
    return at;
  }
}

/** A sorted list of slots: appending a new (highest) slot is O(1), the rest a binary search and a move. */
export class SlotList {
  private items = new Int32Array(4);
  size = 0;

  private find(slot: number): number {
    let lo = 0;
    let hi = this.size;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.items[mid]! < slot) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  has(slot: number): boolean {
    const at = this.find(slot);
    return at < this.size && this.items[at] === slot;
  }

  add(slot: number): void {
    const n = this.size;
    const at = n === 0 || this.items[n - 1]! < slot ? n : this.find(slot);
    if (at < n && this.items[at] === slot) return;
    if (n === this.items.length) {
      const grown = new Int32Array(n * 2);
      grown.set(this.items);
      this.items = grown;
    }
    if (at < n) this.items.copyWithin(at + 1, at, n);
    this.items[at] = slot;
    this.size = n + 1;
  }

  delete(slot: number): void {
    const at = this.find(slot);
    if (at >= this.size || this.items[at] !== slot) return;
    this.items.copyWithin(at, at + 1, this.size);
    this.size--;
  }

  /** Writes the members in ascending order into `out` from `at`; returns the new end. */
  collect(out: Int32Array, at = 0): number {
    out.set(this.items.subarray(0, this.size), at);
    return at + this.size;
  }

  /** Sets the members' bits in a bitset's words (long enough for every slot). */
  setBits(words: Uint32Array): void {
    const items = this.items;
    for (let i = 0; i < this.size; i++) {
      const s = items[i]!;
      words[s >>> 5] = words[s >>> 5]! | (1 << (s & 31));
    }
  }

  /** The members, for iteration (a view: do not keep it across changes). */
  slots(): Int32Array {
    return this.items.subarray(0, this.size);
  }
}
