import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { decodeCursor } from './pagination.js';

/** The direction a list is sorted in; its tie-breaking id runs the same way. */
export type SortDirection = 'ASC' | 'DESC';

/**
 * One page of a list sorted by one column and then by a unique id, read by keyset: the rows after
 * the previous page's last `(sort value, id)` (the cursor `toConnection` made), never by OFFSET.
 */
export interface KeysetSpec {
  /** The sort column as SQL, e.g. `u.name`. */
  sort: string;
  /** A unique column that orders rows with the same sort value, e.g. `u.id`. */
  id: string;
  direction: SortDirection;
  /** How many rows to read: the page size plus one, so that `toConnection` sees whether a next page exists. */
  limit: number;
  /** The previous page's last `[sort value, id]` (`keysetAfter(after)`); null or absent on the first page. */
  after?: KeysetCursor | null;
  /** SQL around each cursor placeholder when its value needs converting (e.g. `(p) => \`CAST(${p} AS uuid)\``); default the placeholder. */
  cast?: { sort?: (placeholder: string) => string; id?: (placeholder: string) => string };
}

/** A cursor's values: the sort value and the id of the last row of the previous page. */
export type KeysetCursor = readonly [unknown, unknown];

/** The parts of a keyset page's statement, for a TypeORM query builder (named `:parameters`). */
export interface KeysetPage {
  /** The condition selecting the rows after the cursor, e.g. `(u.name, u.id) > (:keysetSort, :keysetId)`; null on the first page. */
  where: string | null;
  /** The cursor's values by parameter name (`keysetSort`, `keysetId`); empty on the first page. */
  params: Record<string, unknown>;
  /** ORDER BY items in order: the sort column, then the id, both in the list's direction. */
  orderBy: Record<string, SortDirection>;
  limit: number;
}

/** Decodes a list's `after` argument into `[sort value, id]` (BAD_USER_INPUT when it is not such a cursor); null without one. */
export function keysetAfter(after: string | null | undefined): [string | number | null, string | number | null] | null {
  if (!after) return null;
  const [sort, id] = decodeCursor(after, 2);
  return [sort, id];
}

const same = (placeholder: string) => placeholder;

/**
 * Builds a keyset page: the row comparison `(sort, id) > (cursor)` for ascending lists and `<` for
 * descending ones (ties on the sort value go on by id), the order `sort, id` in that direction, and
 * the limit. Sort columns must be NOT NULL: a row comparison never selects a NULL.
 */
export function keysetPage(spec: KeysetSpec): KeysetPage {
  const orderBy = { [spec.sort]: spec.direction, [spec.id]: spec.direction };
  if (!spec.after) return { where: null, params: {}, orderBy, limit: spec.limit };
  const sortValue = (spec.cast?.sort ?? same)(':keysetSort');
  const idValue = (spec.cast?.id ?? same)(':keysetId');
  const op = spec.direction === 'ASC' ? '>' : '<';
  return {
    where: `(${spec.sort}, ${spec.id}) ${op} (${sortValue}, ${idValue})`,
    params: { keysetSort: spec.after[0], keysetId: spec.after[1] },
    orderBy,
    limit: spec.limit,
  };
}

/** Sets a query builder's order and limit to a keyset page and ANDs its cursor condition to the WHERE. */
export function applyKeyset<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, spec: KeysetSpec): SelectQueryBuilder<T> {
  const page = keysetPage(spec);
  qb.orderBy(page.orderBy).limit(page.limit);
  return page.where ? qb.andWhere(page.where, page.params) : qb;
}
