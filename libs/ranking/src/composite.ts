import { assertDirection, isUsableValue, RankingInputError, type Direction } from './bands.js';

/** Reason code prefix for an entity that lacks a value for at least one metric. */
export const MISSING_VALUE = 'MISSING_VALUE';

export interface CompositeMetric {
  key: string;
  /** Relative weight, finite and >= 0; weights are normalised to sum 1. */
  weight: number;
  direction: Direction;
}

export interface CompositeEntity {
  id: string;
  values: Record<string, number | null | undefined>;
}

export interface CompositeScore {
  id: string;
  /** Σ wᵢ·partᵢ / Σ wᵢ, in [0, 1]; null when a metric value is missing. */
  score: number | null;
  /** Normalised value per metric key in [0, 1] (1 = best); all null when the entity has no composite. */
  parts: Record<string, number | null>;
  /** e.g. 'MISSING_VALUE: nps, refundRate' (metric order); null when scored. */
  reason: string | null;
}

/**
 * Weighted composite of several metrics (docs/rankings.md):
 * - population = entities with a finite value for every metric (others get score null + reason
 *   and do not influence anyone's normalisation);
 * - per metric, min-max over the population: part = (v − min)/(max − min) for HIGHER_IS_BETTER,
 *   (max − v)/(max − min) for LOWER_IS_BETTER; if max = min every part is 0.5;
 * - score = Σ wᵢ·partᵢ / Σ wᵢ (the same as normalising the weights to sum 1).
 * Output keeps the input order; rank it with rankEntities(…, 'HIGHER_IS_BETTER').
 */
export function compositeScores(entities: readonly CompositeEntity[], metrics: readonly CompositeMetric[]): CompositeScore[] {
  if (metrics.length === 0) throw new RankingInputError('at least one metric is required');
  const keys = new Set<string>();
  let weightSum = 0;
  for (const m of metrics) {
    if (keys.has(m.key)) throw new RankingInputError(`duplicate metric key: ${m.key}`);
    keys.add(m.key);
    assertDirection(m.direction);
    if (!Number.isFinite(m.weight) || m.weight < 0) throw new RankingInputError(`weight of ${m.key} must be a finite number >= 0, got ${String(m.weight)}`);
    weightSum += m.weight;
  }
  if (!(weightSum > 0)) throw new RankingInputError('metric weights must sum to > 0');
  const ids = new Set<string>();
  for (const e of entities) {
    if (ids.has(e.id)) throw new RankingInputError(`duplicate entity id: ${e.id}`);
    ids.add(e.id);
  }

  const missingOf = (e: CompositeEntity): string[] => metrics.filter((m) => !isUsableValue(e.values[m.key])).map((m) => m.key);
  const complete = entities.filter((e) => missingOf(e).length === 0);
  const ranges = metrics.map((m) => {
    let min = Infinity;
    let max = -Infinity;
    for (const e of complete) {
      const v = e.values[m.key] as number;
      if (v < min) min = v;
      if (v > max) max = v;
    }
    return { min, max };
  });

  return entities.map((e) => {
    const missing = missingOf(e);
    const parts: Record<string, number | null> = {};
    if (missing.length > 0) {
      for (const m of metrics) parts[m.key] = null;
      return { id: e.id, score: null, parts, reason: `${MISSING_VALUE}: ${missing.join(', ')}` };
    }
    let weighted = 0;
    metrics.forEach((m, i) => {
      const v = e.values[m.key] as number;
      const { min, max } = ranges[i];
      const part = max === min ? 0.5 : m.direction === 'HIGHER_IS_BETTER' ? (v - min) / (max - min) : (max - v) / (max - min);
      parts[m.key] = part;
      weighted += m.weight * part;
    });
    return { id: e.id, score: weighted / weightSum, parts, reason: null };
  });
}
