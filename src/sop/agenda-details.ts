import { badInput } from '../common/errors.js';
import { UUID_PATTERN } from '../common/formats.js';

/**
 * Which items of an AgendaSheet get their script and objections in the side tables (docs/sop.md
 * "Agenda sheet"). Pure: see agenda-details.spec.ts.
 */
export enum AgendaDetails {
  /** Every item (the default, the sheet's original shape). */
  ALL = 'ALL',
  /** The current items (`currentItemIds`) and those of `detailsFor`. */
  CURRENT = 'CURRENT',
  /** Only those of `detailsFor`. */
  NONE = 'NONE',
}

/** Most ids one `detailsFor` may list. */
export const MAX_DETAILS_FOR = 50;

/** How many open items count as current: the one to do now and the next. */
export const CURRENT_ITEMS = 2;

interface DetailsItem {
  id: string;
  status: string;
  dueAt: Date;
}

/**
 * The current items: the first `CURRENT_ITEMS` PENDING items (status as answered, so an open item
 * past its window, shown MISSED, is not one) by due time, then id. The console's Today screen
 * works on the first and shows the second as "next" (apps/web currentAndNext, same order).
 */
export function currentItemIds(items: readonly DetailsItem[]): string[] {
  return items
    .filter((i) => i.status === 'PENDING')
    .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .slice(0, CURRENT_ITEMS)
    .map((i) => i.id);
}

/** BAD_USER_INPUT for a `detailsFor` that is too long, holds something other than ids, or comes with ALL. */
export function checkDetails(details: AgendaDetails, detailsFor: readonly string[] | null | undefined): void {
  if (!detailsFor) return;
  if (details === AgendaDetails.ALL) throw badInput([{ field: 'detailsFor', message: 'needs details: CURRENT or NONE (ALL sends every item’s details)' }]);
  if (detailsFor.length > MAX_DETAILS_FOR) throw badInput([{ field: 'detailsFor', message: `at most ${MAX_DETAILS_FOR} item ids` }]);
  if (detailsFor.some((id) => !UUID_PATTERN.test(id))) throw badInput([{ field: 'detailsFor', message: 'must be agenda item ids' }]);
}

/**
 * The ids of the items whose details are sent; null = all. Ids of `detailsFor` that are not
 * items of this answer (another rep's, another organization's, outside the range) are ignored:
 * their items are not in the answer, so nothing about them is sent. The arguments were checked
 * (checkDetails) by the resolver before the sheet was read.
 */
export function detailedItemIds(items: readonly DetailsItem[], details: AgendaDetails, detailsFor: readonly string[] | null | undefined): Set<string> | null {
  if (details === AgendaDetails.ALL) return null;
  const ids = new Set(details === AgendaDetails.CURRENT ? currentItemIds(items) : []);
  if (detailsFor?.length) {
    const wanted = new Set(detailsFor.map((id) => id.toLowerCase()));
    for (const i of items) if (wanted.has(i.id)) ids.add(i.id);
  }
  return ids;
}
