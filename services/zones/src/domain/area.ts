/** 1 hectare = 15 mu (亩), the conversion the plan's figures use. */
export const MU_PER_HECTARE = 15;

/** Hectares of an area given in mu, to 4 decimals (1 m² is 0.0001 ha). */
export function hectaresFromMu(mu: number): number {
  return Math.round((mu / MU_PER_HECTARE) * 10_000) / 10_000;
}
