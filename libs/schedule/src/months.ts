import { DateTime } from 'luxon';
import { ianaZone } from './time-zone.js';

/**
 * Calendar months in a time zone, as whole numbers: month index = year × 12 + (month − 1), so
 * "months since" is a subtraction. A month starts at local midnight of its 1st (or the first
 * valid instant of that day when midnight does not exist), whatever the DST changes inside it.
 */

/** The local calendar month of an instant, as a month index. */
export function monthIndexOf(instant: Date, timeZone: string): number {
  const d = DateTime.fromJSDate(instant, { zone: ianaZone(timeZone) });
  return d.year * 12 + (d.month - 1);
}

/** The month index of a local date 'YYYY-MM-DD' (or 'YYYY-MM'). */
export function monthIndexOfDate(isoDate: string): number {
  const [y, m] = isoDate.split('-').map(Number);
  return y * 12 + (m - 1);
}

/** 'YYYY-MM' of a month index. */
export function monthLabel(index: number): string {
  const y = Math.floor(index / 12);
  const m = index - y * 12 + 1;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}`;
}

/** The instant a month starts in the zone (local midnight of the 1st, DST-correct). */
export function monthStart(index: number, timeZone: string): Date {
  const y = Math.floor(index / 12);
  return DateTime.fromObject({ year: y, month: index - y * 12 + 1, day: 1 }, { zone: ianaZone(timeZone) })
    .startOf('day')
    .toJSDate();
}

/** Whole calendar months from the acquisition's local month to the event's (0 = same month). */
export function monthsSince(acquiredAt: Date, at: Date, timeZone: string): number {
  return monthIndexOf(at, timeZone) - monthIndexOf(acquiredAt, timeZone);
}

/**
 * The months touched by the local-date range [from, to) (to exclusive), as indexes in order.
 * Empty when `to` is not after `from`.
 */
export function monthsOfRange(from: string, to: string): number[] {
  if (to <= from) return [];
  const first = monthIndexOfDate(from);
  // The last day in the range is the day before `to`.
  const lastDay = DateTime.fromISO(to, { zone: 'UTC' }).minus({ days: 1 });
  const last = lastDay.year * 12 + (lastDay.month - 1);
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}
