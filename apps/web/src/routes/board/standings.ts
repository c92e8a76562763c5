// Pure helpers of the Board screen (unit-tested in standings.spec.ts).
import { applyBoardMessage, type BoardLine, type BoardMessage } from '../../../../../libs/ranking/src/delta';
import type { StandingColumnsFieldsFragment, StandingLineFieldsFragment } from '../../gql/graphql';

export type Band = 'TOP' | 'MIDDLE' | 'BOTTOM' | 'UNRANKED';

/** Mantine colour of each band (always shown with its name too: colour is never the only cue). */
export const BAND_COLOR: Record<Band, string> = { TOP: 'teal', MIDDLE: 'blue', BOTTOM: 'red', UNRANKED: 'gray' };

export interface Movement {
  kind: 'up' | 'down' | 'same' | 'new' | 'none';
  /** Places moved (positive), 0 for same/new/none. */
  places: number;
}

/**
 * Movement against the previous period: `rankDelta` = previousRank − rank (positive = up). No
 * previous rank but a rank now = new on the board; unranked now = no movement to show.
 */
export function movementOf(e: { rank?: number | null; previousRank?: number | null; rankDelta?: number | null }): Movement {
  if (e.rank == null) return { kind: 'none', places: 0 };
  if (e.previousRank == null || e.rankDelta == null) return { kind: 'new', places: 0 };
  if (e.rankDelta > 0) return { kind: 'up', places: e.rankDelta };
  if (e.rankDelta < 0) return { kind: 'down', places: -e.rankDelta };
  return { kind: 'same', places: 0 };
}

/** 'BELOW_MIN_SAMPLE: 3 of 10 leads' → { code, detail }. */
export function unrankedReasonOf(reason: string | null | undefined): { code: string; detail: string | null } | null {
  if (!reason) return null;
  const i = reason.indexOf(':');
  if (i < 0) return { code: reason.trim(), detail: null };
  return { code: reason.slice(0, i).trim(), detail: reason.slice(i + 1).trim() || null };
}

interface Comparable {
  rank?: number | null;
  position?: number | null;
  value?: number | null;
  band: string;
  entity: { id: string };
}

/**
 * Entities whose line changed between two versions of the same board (rank, place, value or
 * band), and those that appeared. Used to flash the rows a live update touched.
 */
export function changedEntities(before: readonly Comparable[], after: readonly Comparable[]): Set<string> {
  const old = new Map(before.map((e) => [e.entity.id, e]));
  const out = new Set<string>();
  for (const e of after) {
    const o = old.get(e.entity.id);
    if (!o || o.rank !== e.rank || o.position !== e.position || o.value !== e.value || o.band !== e.band) out.add(e.entity.id);
  }
  return out;
}

export interface SparkGeometry {
  /** SVG path ('M x y L x y …'); a gap (null value) starts a new segment. Empty when nothing to draw. */
  path: string;
  /** The last point with a value (marked with a dot), if any. */
  last: { x: number; y: number } | null;
  /** Points with a value, for single-point segments (drawn as dots). */
  points: { x: number; y: number }[];
}

/**
 * Geometry of a sparkline of `values` (oldest first; null = not on the board that period) in a
 * `width` × `height` box with `pad` pixels of margin. Higher values are drawn higher, unless
 * `lowerIsBetter`, where the axis flips so that "up" always means "better". A flat series is a
 * horizontal line in the middle.
 */
export function sparkGeometry(values: readonly (number | null)[], width: number, height: number, pad = 2, lowerIsBetter = false): SparkGeometry {
  const present = values.filter((v): v is number => v != null && Number.isFinite(v));
  if (present.length === 0 || values.length === 0) return { path: '', last: null, points: [] };
  const min = Math.min(...present);
  const max = Math.max(...present);
  const step = values.length > 1 ? (width - 2 * pad) / (values.length - 1) : 0;
  const round = (n: number) => Math.round(n * 10) / 10;
  const yOf = (v: number) => {
    if (max === min) return height / 2;
    const share = (v - min) / (max - min);
    const up = lowerIsBetter ? 1 - share : share;
    return pad + (1 - up) * (height - 2 * pad);
  };
  let path = '';
  let penDown = false;
  const points: { x: number; y: number }[] = [];
  values.forEach((v, i) => {
    if (v == null || !Number.isFinite(v)) {
      penDown = false;
      return;
    }
    const x = round(values.length > 1 ? pad + i * step : width / 2);
    const y = round(yOf(v));
    points.push({ x, y });
    path += `${path ? ' ' : ''}${penDown ? 'L' : 'M'}${x} ${y}`;
    penDown = true;
  });
  return { path, last: points[points.length - 1] ?? null, points };
}

/** One `standingsChanged` message: a whole board, or a change to the board of revision `baseRevision`. */
export interface StandingsMessage<B, L> extends BoardMessage<B, L> {
  revision: string;
}

export type AppliedMessage<B> =
  /** The board after the message. */
  | { kind: 'board'; board: B }
  /** The copy already is at this revision (e.g. a refetch was newer than the message): nothing to do. */
  | { kind: 'same' }
  /** The change applies to a revision this copy does not have: read the board again. */
  | { kind: 'gap' };

/**
 * Applies a live message to the cached board `base` (`applyBoardMessage`, libs/ranking/src/delta.ts,
 * the inverse of the server's `diffLines`): a whole board replaces it; a change whose base is
 * `base.revision` takes its header, drops the removed lines and replaces or adds the changed ones,
 * in display order; any other change is a gap.
 */
export function applyStandingsMessage<L extends BoardLine, B extends { revision: string; entries: L[] }>(
  base: B | null,
  m: StandingsMessage<B, L>,
): AppliedMessage<B> {
  if (!m.board && base && base.revision === m.revision) return { kind: 'same' };
  const board = applyBoardMessage(base, base?.revision ?? null, m);
  return board ? { kind: 'board', board: { ...board, revision: m.revision } } : { kind: 'gap' };
}

/**
 * A whole board's lines from its columns (`Leaderboard.columns`, one array per field aligned by
 * index, in board order): the same line objects `entries { ...StandingLineFields }` gives, in the
 * same order. Columns of different lengths are a malformed response: throws.
 */
export function linesFromColumns(c: StandingColumnsFieldsFragment): StandingLineFieldsFragment[] {
  const n = c.entityIds.length;
  const columns: Record<string, readonly unknown[]> = c;
  for (const [name, column] of Object.entries(columns)) {
    if (Array.isArray(column) && column.length !== n) throw new Error(`Leaderboard.columns: ${name} has ${column.length} values for ${n} lines`);
  }
  const lines = new Array<StandingLineFieldsFragment>(n);
  for (let i = 0; i < n; i++) {
    lines[i] = {
      rank: c.ranks[i] ?? null,
      position: c.positions[i] ?? null,
      band: c.bands[i]!,
      rankDelta: c.rankDeltas[i] ?? null,
      previousRank: c.previousRanks[i] ?? null,
      value: c.values[i] ?? null,
      adjustedValue: c.adjustedValues[i] ?? null,
      numerator: c.numerators[i] ?? null,
      denominator: c.denominators[i] ?? null,
      unrankedReason: c.unrankedReasons[i] ?? null,
      // Never null on the API (Standing.bottomStreak is Int!); NumberList only allows it.
      bottomStreak: c.bottomStreaks[i] ?? 0,
      entity: { id: c.entityIds[i]!, name: c.entityNames[i]! },
    };
  }
  return lines;
}

/** A whole board as the screen holds it: its header fields and its lines (`entries`) instead of its columns. */
export function boardFromColumns<B extends { columns: StandingColumnsFieldsFragment }>(
  board: B,
): Omit<B, 'columns'> & { entries: StandingLineFieldsFragment[] } {
  const { columns, ...header } = board;
  return { ...header, entries: linesFromColumns(columns) };
}
