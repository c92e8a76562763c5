/**
 * Deltas between two versions of a board's lines (live `standingsChanged` pushes, docs/rankings.md
 * "Live updates"). A line is identified by its entity id; a board's lines are in display order:
 * ranked lines by position, then unranked lines (position null) by entity id, as `rankEntities`
 * returns them. Pure: no I/O. Self-contained (no imports) so the web console can apply deltas
 * with the same code.
 */

/** The part of a line the delta maths needs. */
export interface BoardLine {
  position: number | null;
  entity: { id: string };
}

export interface LinesDelta<L> {
  /** Lines of the new board that are new or differ from the old line of the same entity, in board order. */
  changed: L[];
  /** Entity ids of old lines absent from the new board, in old board order. */
  removed: string[];
}

/** Display order: ranked lines by position, then unranked lines (null position) by entity id (code-unit order). */
export function compareLines(a: BoardLine, b: BoardLine): number {
  if (a.position != null && b.position != null) return a.position - b.position;
  if (a.position != null) return -1;
  if (b.position != null) return 1;
  return a.entity.id < b.entity.id ? -1 : a.entity.id > b.entity.id ? 1 : 0;
}

/** Structural equality of two JSON-like values (objects compared key by key, whatever their key order). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bs = b as unknown[];
    return a.length === bs.length && a.every((x, i) => sameValue(x, bs[i]));
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const keys = Object.keys(ao).filter((k) => ao[k] !== undefined);
  if (keys.length !== Object.keys(bo).filter((k) => bo[k] !== undefined).length) return false;
  return keys.every((k) => sameValue(ao[k], bo[k]));
}

/**
 * What turns `prev` into `next`: every line of `next` that is new or differs in any field (rank,
 * position, value, band, movement, …) from the line of the same entity in `prev`, and the ids of
 * entities that left. Equal boards give `{ changed: [], removed: [] }`.
 */
export function diffLines<L extends BoardLine>(prev: readonly L[], next: readonly L[]): LinesDelta<L> {
  const before = new Map<string, L>();
  for (const l of prev) before.set(l.entity.id, l);
  const stayed = new Set<string>();
  const changed: L[] = [];
  for (const l of next) {
    const old = before.get(l.entity.id);
    stayed.add(l.entity.id);
    if (!old || !sameValue(old, l)) changed.push(l);
  }
  const removed = prev.filter((l) => !stayed.has(l.entity.id)).map((l) => l.entity.id);
  return { changed, removed };
}

/** `lines` with a delta applied: removed entities dropped, changed lines replacing (or added to) theirs, in display order. */
export function applyLines<L extends BoardLine>(lines: readonly L[], delta: LinesDelta<L>): L[] {
  const byId = new Map<string, L>();
  for (const l of lines) byId.set(l.entity.id, l);
  for (const id of delta.removed) byId.delete(id);
  for (const l of delta.changed) byId.set(l.entity.id, l);
  return [...byId.values()].sort(compareLines);
}

/** A live message: a whole board, or a change (header, changed lines, removed ids) to the board of revision `baseRevision`. */
export interface BoardMessage<B, L> extends LinesDelta<L> {
  baseRevision?: string | null;
  board?: B | null;
  header?: Partial<Omit<B, 'entries'>> | null;
}

/**
 * A client's copy after a live message: a whole board replaces `base`; a change applies to `base`
 * when its base revision is `baseRevision` (the header replaces the board's, the lines as
 * `applyLines`); null for any other change (a gap: the client must read the board again).
 */
export function applyBoardMessage<L extends BoardLine, B extends { entries: L[] }>(
  base: B | null,
  baseRevision: string | null,
  m: BoardMessage<B, L>,
): B | null {
  if (m.board) return m.board;
  if (!base || m.baseRevision !== baseRevision) return null;
  return { ...base, ...m.header, entries: applyLines(base.entries, m) };
}
