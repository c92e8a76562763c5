import { createHash } from 'node:crypto';
import { diffLines } from '@lib/ranking';
import type { LeaderboardHeaderModel, LeaderboardModel, StandingsChangeModel } from './models/rankings.models.js';

const revisions = new WeakMap<LeaderboardModel, string>();

/**
 * A board's revision: the first 128 bits (base64url) of the SHA-256 of its JSON (header and every
 * line). Derived from content only, so every API replica computes the same revision for the same
 * standings, and `leaderboard { revision }` names the board a push's `baseRevision` refers to.
 * Memoised per board object: the subscribers of one push share one hash.
 */
export function boardRevision(board: LeaderboardModel): string {
  let r = revisions.get(board);
  if (r === undefined) {
    r = createHash('sha256').update(JSON.stringify(board)).digest('base64url').slice(0, 22);
    revisions.set(board, r);
  }
  return r;
}

/** Every field of a board but its lines. */
export function boardHeader(board: LeaderboardModel): LeaderboardHeaderModel {
  const { entries: _entries, ...header } = board;
  return header;
}

/** The first message of a subscription (and a resync): the whole board. */
export function wholeBoardMessage(board: LeaderboardModel): StandingsChangeModel {
  return { revision: boardRevision(board), baseRevision: null, board, header: null, changed: [], removed: [] };
}

/**
 * The change from `prev` to `next`: the whole header, the lines that are new or differ, the ids of
 * lines that left. Null when the boards are equal (no message).
 */
export function boardChange(prev: LeaderboardModel, next: LeaderboardModel): StandingsChangeModel | null {
  const revision = boardRevision(next);
  const baseRevision = boardRevision(prev);
  if (revision === baseRevision) return null;
  const { changed, removed } = diffLines(prev.entries, next.entries);
  return { revision, baseRevision, board: null, header: boardHeader(next), changed, removed };
}
