import { RankingScope } from './entities/ranking.entities.js';
import type { StandingModel } from './models/rankings.models.js';

/**
 * Whose line of a board is the caller's (`Leaderboard.mine`): on a MEMBER board the caller
 * themselves, on a SQUAD board the squad they belong to now. Null when there is no such entity
 * (no user, no current squad) or for a scope without an own line.
 */
export function ownEntityId(scope: RankingScope, userId: string | null, currentSquadId: () => Promise<string | null>): Promise<string | null> {
  if (!userId) return Promise.resolve(null);
  if (scope === RankingScope.MEMBER) return Promise.resolve(userId);
  if (scope === RankingScope.SQUAD) return currentSquadId();
  return Promise.resolve(null);
}

/**
 * The line of `entityId` among a board's already computed lines: the same object `entries` holds
 * (nothing copied, nothing ranked again), so it can never show what `entries` would not.
 */
export function lineOf(entries: readonly StandingModel[], entityId: string | null): StandingModel | null {
  if (entityId === null) return null;
  for (let i = 0; i < entries.length; i++) if (entries[i].entity.id === entityId) return entries[i];
  return null;
}
