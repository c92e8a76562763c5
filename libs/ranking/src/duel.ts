import { assertDirection, compareIds, compareValues, isUsableValue, RankingInputError, type Direction } from './bands.js';

export type DuelWinner = 'A' | 'B' | 'DRAW';

export interface DuelResult {
  /** null when either side has no value (no contest). */
  winner: DuelWinner | null;
  /** |a − b| in the metric's units (0 for a draw); null for no contest. */
  margin: number | null;
}

/** Head-to-head (PK) duel on one metric. Equal values are a DRAW; a missing value (null/NaN/±Infinity) is no contest. */
export function duelResult(a: number | null, b: number | null, direction: Direction): DuelResult {
  assertDirection(direction);
  if (!isUsableValue(a) || !isUsableValue(b)) return { winner: null, margin: null };
  const c = compareValues(a, b, direction);
  return { winner: c < 0 ? 'A' : c > 0 ? 'B' : 'DRAW', margin: Math.abs(a - b) };
}

export const POINTS_WIN = 3;
export const POINTS_DRAW = 1;
export const POINTS_LOSS = 0;

export interface DuelRecord {
  a: string;
  b: string;
  winner: DuelWinner | null;
}

export interface SeasonRow {
  id: string;
  wins: number;
  losses: number;
  draws: number;
  /** 3 per win, 1 per draw, 0 per loss. */
  points: number;
}

/**
 * Season table: 3 points per win, 1 per draw, 0 per loss. No-contest duels (winner null) score
 * nothing but their participants still appear. Sorted by points desc, wins desc, id asc.
 */
export function seasonTable(results: readonly DuelRecord[]): SeasonRow[] {
  const rows = new Map<string, SeasonRow>();
  const row = (id: string): SeasonRow => {
    let r = rows.get(id);
    if (!r) {
      r = { id, wins: 0, losses: 0, draws: 0, points: 0 };
      rows.set(id, r);
    }
    return r;
  };
  for (const d of results) {
    if (d.a === d.b) throw new RankingInputError(`an entity cannot duel itself: ${d.a}`);
    const a = row(d.a);
    const b = row(d.b);
    if (d.winner === 'A' || d.winner === 'B') {
      const [w, l] = d.winner === 'A' ? [a, b] : [b, a];
      w.wins++;
      w.points += POINTS_WIN;
      l.losses++;
      l.points += POINTS_LOSS;
    } else if (d.winner === 'DRAW') {
      a.draws++;
      b.draws++;
      a.points += POINTS_DRAW;
      b.points += POINTS_DRAW;
    } else if (d.winner !== null) {
      throw new RankingInputError(`winner must be 'A', 'B', 'DRAW' or null, got ${String(d.winner)}`);
    }
  }
  return [...rows.values()].sort((x, y) => y.points - x.points || y.wins - x.wins || compareIds(x.id, y.id));
}
