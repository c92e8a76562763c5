import type { SurveyDefinition } from '@lib/scoring';

/**
 * Pure routing maths: which rep gets the next lead. The service loads the candidates (active
 * MEMBER reps currently in the chosen squads, their open-lead counts and capacities) under the
 * organization's routing lock and applies the plan in the same transaction.
 */
export enum RoutingStrategy {
  /** Next rep after the last one assigned, in a fixed order, skipping full reps. */
  ROUND_ROBIN = 'ROUND_ROBIN',
  /** The rep whose load after the assignment (open + 1) / capacity is lowest: leads spread in proportion to capacity. */
  CAPACITY_WEIGHTED = 'CAPACITY_WEIGHTED',
  /**
   * Best tiers first to the best-ranked reps. Rankings do not exist yet, so "best" is the rep
   * with the most free slots (capacity − open); within a batch, leads are routed best tier first.
   */
  TIER_PRIORITY = 'TIER_PRIORITY',
}

export interface RepSlot {
  userId: string;
  squadId: string;
  open: number;
  capacity: number;
}

const hasRoom = (r: RepSlot) => r.open < r.capacity;

/** Picks a rep (or null when every rep is at capacity). `reps` is in the fixed round-robin order. */
export function chooseRep(strategy: RoutingStrategy, reps: readonly RepSlot[], lastUserId: string | null): RepSlot | null {
  if (reps.length === 0) return null;
  if (strategy === RoutingStrategy.ROUND_ROBIN) {
    const last = lastUserId === null ? -1 : reps.findIndex((r) => r.userId === lastUserId);
    for (let k = 1; k <= reps.length; k++) {
      const r = reps[(last + k) % reps.length];
      if (hasRoom(r)) return r;
    }
    return null;
  }
  let best: RepSlot | null = null;
  for (const r of reps) {
    if (!hasRoom(r)) continue;
    if (best === null) {
      best = r;
      continue;
    }
    if (strategy === RoutingStrategy.CAPACITY_WEIGHTED) {
      // (r.open + 1) / r.capacity < (best.open + 1) / best.capacity, without floats.
      const lhs = (r.open + 1) * best.capacity;
      const rhs = (best.open + 1) * r.capacity;
      if (lhs < rhs || (lhs === rhs && r.capacity > best.capacity)) best = r;
    } else if (r.capacity - r.open > best.capacity - best.open) {
      best = r;
    }
  }
  return best;
}

export interface PlanItem {
  key: string;
  /** 0 = best tier. */
  tierRank: number;
}

/**
 * Routes a batch: each item gets a rep or null (pool), counts are updated as it goes, so
 * capacity is never exceeded. TIER_PRIORITY routes the best tiers first (stable for ties).
 * Returns the assignments and the last rep assigned (the round-robin state to persist).
 */
export function planAssignments(
  strategy: RoutingStrategy,
  reps: RepSlot[],
  items: readonly PlanItem[],
  lastUserId: string | null,
): { assignments: Map<string, RepSlot | null>; lastUserId: string | null } {
  const order = strategy === RoutingStrategy.TIER_PRIORITY ? [...items].sort((a, b) => a.tierRank - b.tierRank) : items;
  const assignments = new Map<string, RepSlot | null>();
  let last = lastUserId;
  for (const item of order) {
    const rep = chooseRep(strategy, reps, last);
    assignments.set(item.key, rep);
    if (rep) {
      rep.open += 1;
      last = rep.userId;
    }
  }
  return { assignments, lastUserId: last };
}

/**
 * Tiers of a definition from best to worst (by minScore, the default tier last); a tier's rank
 * is its index. Unknown tiers rank after every known one.
 */
export function tierRank(def: Pick<SurveyDefinition, 'tiers' | 'defaultTier'>, tier: string | null): number {
  const ordered = [...def.tiers].sort((a, b) => b.minScore - a.minScore).map((t) => t.tier);
  ordered.push(def.defaultTier);
  const i = tier === null ? -1 : ordered.indexOf(tier);
  return i < 0 ? ordered.length : i;
}

/**
 * Whether `tier` is at or above `threshold` in the definition's order. A threshold the survey
 * does not define lets nobody through (routing sends everything to the pool), so a typo never
 * floods reps.
 */
export function meetsThreshold(def: Pick<SurveyDefinition, 'tiers' | 'defaultTier'>, tier: string | null, threshold: string): boolean {
  const known = def.tiers.some((t) => t.tier === threshold) || def.defaultTier === threshold;
  if (!known || tier === null) return false;
  return tierRank(def, tier) <= tierRank(def, threshold);
}
