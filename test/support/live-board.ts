import { applyBoardMessage } from '@lib/ranking';

/** One `standingsChanged` message as the tests select it. */
export interface StandingsMessage<B extends { entries: L[] }, L extends { position: number | null; entity: { id: string } }> {
  revision: string;
  baseRevision: string | null;
  board: B | null;
  header: Omit<B, 'entries'> | null;
  changed: L[];
  removed: string[];
}

/**
 * The `standingsChanged` document selecting `header` fields of the board (and of a change's
 * header) and `line` fields of its lines. `line` must select `position` and `entity { id }`.
 */
export const standingsSubscription = (header: string, line: string) =>
  `subscription($id: ID!) { standingsChanged(leaderboardId: $id) { revision baseRevision board { ${header} entries { ${line} } } header { ${header} } changed { ${line} } removed } }`;

/** A client's copy of a live board: whole boards replace it, changes apply to it when their base is its revision. */
export class LiveBoard<B extends { entries: L[] }, L extends { position: number | null; entity: { id: string } }> {
  board: B | null = null;
  revision: string | null = null;
  /** Boards after each applied message, oldest first. */
  readonly boards: B[] = [];
  readonly messages: StandingsMessage<B, L>[] = [];
  /** Changes whose base was not this copy's revision (the client must read the board again). */
  gaps = 0;

  /** Applies a message; false on a gap (the copy is left as it was). */
  apply(m: StandingsMessage<B, L>): boolean {
    this.messages.push(m);
    const next = applyBoardMessage(this.board, this.revision, m);
    if (!next) {
      this.gaps++;
      return false;
    }
    this.board = next;
    this.revision = m.revision;
    this.boards.push(this.board);
    return true;
  }

  /** Replaces the copy with a board read by the `leaderboard` query (and its revision). */
  resync(board: B, revision: string): void {
    this.board = board;
    this.revision = revision;
    this.boards.push(board);
  }
}
