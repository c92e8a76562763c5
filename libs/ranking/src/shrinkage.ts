import { RankingInputError } from './bands.js';

/**
 * Empirical-Bayes style shrinkage of a rate towards the population rate:
 *   adjusted = (numerator + k · p̄) / (denominator + k)
 * k is the prior strength in "pseudo-observations". See docs/rankings.md.
 */
export function shrinkRate(numerator: number, denominator: number, k: number, populationRate: number): number {
  if (!Number.isFinite(numerator) || numerator < 0) throw new RankingInputError(`numerator must be a finite number >= 0, got ${String(numerator)}`);
  if (!Number.isFinite(denominator) || denominator < 0) {
    throw new RankingInputError(`denominator must be a finite number >= 0, got ${String(denominator)}`);
  }
  if (!Number.isFinite(k) || k < 0) throw new RankingInputError(`k must be a finite number >= 0, got ${String(k)}`);
  if (!Number.isFinite(populationRate)) throw new RankingInputError(`populationRate must be finite, got ${String(populationRate)}`);
  if (denominator + k === 0) throw new RankingInputError('denominator + k must be > 0');
  return (numerator + k * populationRate) / (denominator + k);
}

export interface RateEntity {
  numerator?: number;
  denominator?: number;
  eligible?: boolean;
}

function hasCounts(e: RateEntity): e is RateEntity & { numerator: number; denominator: number } {
  return Number.isFinite(e.numerator) && Number.isFinite(e.denominator);
}

/** p̄ = Σ numerator / Σ denominator over eligible entities (eligible !== false) with both counts; 0 if Σ denominator = 0. */
export function populationRate(entities: readonly RateEntity[]): number {
  let num = 0;
  let den = 0;
  for (const e of entities) {
    if (e.eligible === false || !hasCounts(e)) continue;
    num += e.numerator;
    den += e.denominator;
  }
  return den === 0 ? 0 : num / den;
}

export type ShrunkEntity<E> = E & {
  /** numerator / denominator; null when counts are missing or denominator = 0. */
  rawValue: number | null;
  /** shrinkRate(numerator, denominator, k, p̄); null when counts are missing or denominator + k = 0. */
  adjustedValue: number | null;
  /** = adjustedValue, so the result can be passed straight to rankEntities. */
  value: number | null;
};

export interface ShrinkageResult<E> {
  populationRate: number;
  k: number;
  entities: ShrunkEntity<E>[];
}

/**
 * Computes p̄ over the eligible population, then raw and shrunk rates for every entity
 * (ineligible ones too — they stay unranked, but their adjusted value is informative).
 */
export function applyShrinkage<E extends RateEntity>(entities: readonly E[], k: number): ShrinkageResult<E> {
  if (!Number.isFinite(k) || k < 0) throw new RankingInputError(`k must be a finite number >= 0, got ${String(k)}`);
  const p = populationRate(entities);
  return {
    populationRate: p,
    k,
    entities: entities.map((e) => {
      if (!hasCounts(e) || e.denominator + k === 0) {
        return { ...e, rawValue: null, adjustedValue: null, value: null };
      }
      const rawValue = e.denominator > 0 ? e.numerator / e.denominator : null;
      const adjustedValue = shrinkRate(e.numerator, e.denominator, k, p);
      return { ...e, rawValue, adjustedValue, value: adjustedValue };
    }),
  };
}
