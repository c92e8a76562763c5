/** What an agenda item looks like to the rep right now (pure: see status.spec.ts). */
export type ItemState =
  | 'doneOnTime'
  | 'doneLate'
  | 'skipped'
  | 'missed'
  /** Settled by a change of the lead (lost, refunded, converted, back to the pool): nothing to do. */
  | 'cancelled'
  /** Pending, due time still ahead. */
  | 'upcoming'
  /** Pending, due time passed, still within the on-time deadline. */
  | 'dueNow'
  /** Pending after the on-time deadline (not missed yet: no window, or the window is still open). */
  | 'late';

export interface ItemTimes {
  status: 'CANCELLED' | 'DONE' | 'MISSED' | 'PENDING' | 'SKIPPED';
  dueAt: string;
  onTimeDeadline: string;
  onTime?: boolean | null;
}

export function itemState(item: ItemTimes, now: Date): ItemState {
  switch (item.status) {
    case 'DONE':
      return item.onTime === false ? 'doneLate' : 'doneOnTime';
    case 'SKIPPED':
      return 'skipped';
    case 'MISSED':
      return 'missed';
    case 'CANCELLED':
      return 'cancelled';
    case 'PENDING': {
      const t = now.getTime();
      if (t < new Date(item.dueAt).getTime()) return 'upcoming';
      if (t <= new Date(item.onTimeDeadline).getTime()) return 'dueNow';
      return 'late';
    }
  }
}

export const STATE_COLOR: Record<ItemState, string> = {
  doneOnTime: 'green',
  doneLate: 'yellow',
  skipped: 'gray',
  missed: 'red',
  cancelled: 'dark',
  upcoming: 'blue',
  dueNow: 'indigo',
  late: 'orange',
};

/** Pending items by due time: the first is "current", the second "next". */
export function currentAndNext<T extends ItemTimes & { id: string }>(items: T[]): { current: T | null; next: T | null } {
  const pending = items.filter((i) => i.status === 'PENDING').sort((a, b) => a.dueAt.localeCompare(b.dueAt) || a.id.localeCompare(b.id));
  return { current: pending[0] ?? null, next: pending[1] ?? null };
}

/**
 * The lists of an agenda screen, by the item's local date against today's: late (earlier days,
 * still pending), today (every item of the day, whatever its status) and upcoming (later days:
 * pending, and those already done or skipped ahead of time, so an item finished early stays
 * visible with its state instead of vanishing; items settled by the lead's changes are left out).
 * Each list keeps the order of `items`.
 */
export function agendaSections<T extends { localDate: string; status: ItemTimes['status'] }>(
  items: T[],
  today: string,
): { late: T[]; todays: T[]; upcoming: T[] } {
  const late: T[] = [];
  const todays: T[] = [];
  const upcoming: T[] = [];
  for (const i of items) {
    if (i.localDate === today) todays.push(i);
    else if (i.localDate < today) {
      if (i.status === 'PENDING') late.push(i);
    } else if (i.status === 'PENDING' || i.status === 'DONE' || i.status === 'SKIPPED') upcoming.push(i);
  }
  return { late, todays, upcoming };
}
