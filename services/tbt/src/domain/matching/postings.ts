/**
 * A posting group's gate: `(market id + 1) << 2 | (area index + 1)`, 0 standing for any market
 * or area. Sorting (gate, slot) pairs as one number: slots below 2^26.
 */
export const GATE_AREA_BITS = 2;
export const SLOT_LIMIT = 2 ** 26;

/** What compacting postings needs to know of a slot. */
export interface SlotGates {
  /** The slot's gates (one per market and area it has), or `undefined` when removed. */
  gatesOf(slot: number): readonly number[] | undefined;
  isRemoved(slot: number): boolean;
}

/**
 * Slot lists by key (a profile code id, a keyword id). A compact part holds every key's slots in
 * one typed array, in groups by gate (market and area), so the gate is checked once per group and
 * a group that passes is all matches. Slots added since wait in small arrays, gate checked one
 * by one, until they are a quarter of the compact part and are folded in (amortised O(1) adds).
 */
export class PostingStore {
  /** Key k's groups are `keyStart[k]` to `keyStart[k + 1]`, for k < `compactKeys`. */
  keyStart = new Uint32Array(1);
  groupGate = new Uint32Array(0);
  /** Group g's slots are `data[groupEnd[g - 1]]` (0 for the first) to `data[groupEnd[g]]`, ascending. */
  groupEnd = new Uint32Array(0);
  data = new Uint32Array(0);
  compactKeys = 0;
  readonly recent: (number[] | undefined)[] = [];
  private recentCount = 0;

  /** Adds `slot` under `key`; true when the store should be compacted. */
  add(key: number, slot: number): boolean {
    const list = this.recent[key];
    if (list === undefined) this.recent[key] = [slot];
    else list.push(slot);
    this.recentCount += 1;
    return this.recentCount > 1024 && this.recentCount * 4 > this.data.length;
  }

  compact(slots: SlotGates): void {
    if (this.recentCount === 0) return;
    const keys = Math.max(this.compactKeys, this.recent.length);
    const keyStart = new Uint32Array(keys + 1);
    const gates: number[] = [];
    const ends: number[] = [];
    const data: number[] = [];
    for (let k = 0; k < keys; k += 1) {
      keyStart[k] = gates.length;
      const pairs: number[] = [];
      if (k < this.compactKeys) {
        for (let g = this.keyStart[k]!; g < this.keyStart[k + 1]!; g += 1) {
          const gate = this.groupGate[g]!;
          for (let i = g === 0 ? 0 : this.groupEnd[g - 1]!; i < this.groupEnd[g]!; i += 1) {
            const slot = this.data[i]!;
            if (!slots.isRemoved(slot)) pairs.push(gate * SLOT_LIMIT + slot);
          }
        }
      }
      for (const slot of this.recent[k] ?? []) {
        for (const gate of slots.gatesOf(slot) ?? []) pairs.push(gate * SLOT_LIMIT + slot);
      }
      let gate = -1;
      for (const pair of new Float64Array(pairs).sort()) {
        const g = Math.floor(pair / SLOT_LIMIT);
        if (g !== gate) {
          if (gate >= 0) ends.push(data.length);
          gates.push((gate = g));
        }
        data.push(pair - g * SLOT_LIMIT);
      }
      if (gate >= 0) ends.push(data.length);
    }
    keyStart[keys] = gates.length;
    this.keyStart = keyStart;
    this.groupGate = Uint32Array.from(gates);
    this.groupEnd = Uint32Array.from(ends);
    this.data = Uint32Array.from(data);
    this.compactKeys = keys;
    this.recent.length = 0;
    this.recentCount = 0;
  }
}
