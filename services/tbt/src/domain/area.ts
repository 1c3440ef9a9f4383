/** The two WTO agreements whose notifications Highland follows. */
export const AREAS = ['TBT', 'SPS'] as const;
export type Area = (typeof AREAS)[number];

export function isArea(value: string): value is Area {
  return (AREAS as readonly string[]).includes(value);
}
