// Small helpers the matchers share: string order, map-of-lists, growing typed arrays.

export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}

/** `array`, or a copy with room for `size` (doubling, so growing one by one stays cheap). */
export function grown(array: Uint32Array<ArrayBuffer>, size: number): Uint32Array<ArrayBuffer> {
  if (array.length >= size) return array;
  const next = new Uint32Array(Math.max(size, array.length * 2, 64));
  next.set(array);
  return next;
}
