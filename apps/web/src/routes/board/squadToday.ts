import { itemState, type ItemState, type ItemTimes } from '../today/status';

export interface SquadItem extends ItemTimes {
  repId: string;
  rep?: { id: string; name: string } | null;
}

export interface RepDay {
  repId: string;
  name: string;
  total: number;
  /** Done (on time or late) or skipped. */
  finished: number;
  /** Pending past the on-time deadline, or missed. */
  late: number;
  /** Done after the on-time deadline. */
  doneLate: number;
  /** Earliest due time of a pending item not late yet (ISO), null when none. */
  nextDue: string | null;
  /** 'late': something is late or missed; 'done': nothing left to do; else 'onTrack'. */
  group: 'late' | 'onTrack' | 'done';
}

/**
 * One line per rep of a squad's items today: who is late (an item past its on-time deadline or
 * missed), who is done (nothing pending), who is on track. Late first (most late first), then on
 * track (soonest next item first), then done; names break ties.
 */
export function squadDay(items: readonly SquadItem[], now: Date): RepDay[] {
  const byRep = new Map<string, RepDay>();
  for (const item of items) {
    const state: ItemState = itemState(item, now);
    // A cancelled item (the lead was lost, refunded, converted or pooled) is no work of the day.
    if (state === 'cancelled') continue;
    let r = byRep.get(item.repId);
    if (!r) {
      r = { repId: item.repId, name: item.rep?.name ?? '', total: 0, finished: 0, late: 0, doneLate: 0, nextDue: null, group: 'onTrack' };
      byRep.set(item.repId, r);
    }
    r.total++;
    if (state === 'doneOnTime' || state === 'doneLate' || state === 'skipped') r.finished++;
    if (state === 'doneLate') r.doneLate++;
    if (state === 'late' || state === 'missed') r.late++;
    if ((state === 'upcoming' || state === 'dueNow') && (r.nextDue == null || item.dueAt < r.nextDue)) r.nextDue = item.dueAt;
  }
  const out = [...byRep.values()];
  for (const r of out) r.group = r.late > 0 ? 'late' : r.finished + r.late === r.total ? 'done' : 'onTrack';
  const order = { late: 0, onTrack: 1, done: 2 } as const;
  return out.sort(
    (a, b) =>
      order[a.group] - order[b.group] ||
      (a.group === 'late' ? b.late - a.late : 0) ||
      (a.group === 'onTrack' ? (a.nextDue ?? '').localeCompare(b.nextDue ?? '') : 0) ||
      a.name.localeCompare(b.name),
  );
}
