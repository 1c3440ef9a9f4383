import { LEVEL_SHARES, ORGANISATIONS, prng, type StandardBody } from './records.js';

/** Filtered, paginated list queries mixing every filter the API offers, drawn from the data itself. */
export function queryPaths(records: readonly StandardBody[], n: number, seed = 7): string[] {
  const random = prng(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const levels = LEVEL_SHARES.map(([l]) => l);
  const filters: Array<() => [string, string]> = [
    () => ['level', pick(levels)],
    () => {
      const code = pick(pick(records).ics);
      const segments = code.split('.');
      return ['ics', segments.slice(0, 1 + Math.floor(random() * segments.length)).join('.')];
    },
    () => {
      const code = pick(records).code;
      const space = code.lastIndexOf(' ');
      return ['code', code.slice(0, space + 1 + Math.floor(random() * 3))];
    },
    () => ['stage', pick(['published', 'published', 'plan-issued', 'drafting'])],
    () => ['publishedFrom', `${1995 + Math.floor(random() * 30)}-01-01`],
    () => ['organisation', pick(ORGANISATIONS)],
    () => ['sector', pick(records).sector],
    () => ['kind', pick(['formulate', 'existing'])],
    () => ['inDistrict', pick(['true', 'false'])],
  ];
  return Array.from({ length: n }, () => {
    const params = new URLSearchParams();
    const howMany = 1 + Math.floor(random() * 3);
    while ([...params.keys()].length < howMany) {
      const [k, v] = pick(filters)();
      if (!params.has(k)) params.set(k, v);
    }
    // A date range: from a year, and most often up to a few years later.
    if (params.has('publishedFrom') && random() < 0.7) {
      const from = Number(params.get('publishedFrom')!.slice(0, 4));
      params.set('publishedTo', `${Math.min(2025, from + Math.floor(random() * 5))}-12-31`);
    }
    params.set('limit', String(pick([20, 50, 50, 100])));
    params.set('offset', String(pick([0, 0, 0, 50, 200])));
    return `/standards?${params.toString()}`;
  });
}
