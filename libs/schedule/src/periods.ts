import { DateTime } from 'luxon';
import { calendarDate } from './parse.js';
import { localDateOf, resolveWallTime } from './resolve.js';
import { ianaZone } from './time-zone.js';
import { BoundedMemo } from './memo.js';

export type PeriodKind = 'DAY' | 'ISO_WEEK' | 'MONTH' | 'QUARTER';
export const PERIOD_KINDS: readonly PeriodKind[] = ['DAY', 'ISO_WEEK', 'MONTH', 'QUARTER'];

/** Calendar part of a period: dates only, independent of any time zone. */
export interface CalendarPeriod {
  kind: PeriodKind;
  /** '2026-11-23' (DAY), '2026-W48' (ISO_WEEK, ISO week-year), '2026-11' (MONTH), '2026-Q4' (QUARTER). */
  label: string;
  /** First local date of the period, 'YYYY-MM-DD'. */
  startDate: string;
  /** First local date after the period (exclusive), 'YYYY-MM-DD'. */
  endDate: string;
}

/** A period in a time zone: [start, end) runs from local midnight of startDate to local midnight of endDate. */
export interface PeriodBounds extends CalendarPeriod {
  timeZone: string;
  start: Date;
  /** Exclusive. */
  end: Date;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

function assertKind(kind: PeriodKind): void {
  if (!PERIOD_KINDS.includes(kind)) {
    throw new RangeError(`Invalid period kind ${JSON.stringify(kind)}: expected one of ${PERIOD_KINDS.join(', ')}`);
  }
}

function calendarPeriodOf(kind: PeriodKind, date: DateTime): CalendarPeriod {
  assertKind(kind);
  let start: DateTime;
  let end: DateTime;
  let label: string;
  switch (kind) {
    case 'DAY':
      start = date;
      end = date.plus({ days: 1 });
      label = date.toISODate()!;
      break;
    case 'ISO_WEEK':
      // Luxon's weekday is ISO (1 = Monday); weekYear/weekNumber are ISO-8601 week numbering.
      start = date.minus({ days: date.weekday - 1 });
      end = start.plus({ days: 7 });
      label = `${pad(date.weekYear, 4)}-W${pad(date.weekNumber)}`;
      break;
    case 'MONTH':
      start = date.set({ day: 1 });
      end = start.plus({ months: 1 });
      label = `${pad(date.year, 4)}-${pad(date.month)}`;
      break;
    case 'QUARTER':
      start = DateTime.fromObject({ year: date.year, month: (date.quarter - 1) * 3 + 1, day: 1 }, { zone: 'utc' });
      end = start.plus({ months: 3 });
      label = `${pad(date.year, 4)}-Q${date.quarter}`;
      break;
  }
  return { kind, label, startDate: start.toISODate()!, endDate: end.toISODate()! };
}

/**
 * Most entries each memo below keeps (then it starts afresh). Both functions are pure, and every
 * board, report and agenda read asks for the same few periods and midnights many times: the
 * memos spare those reads the calendar and time-zone arithmetic (luxon), not a database read.
 */
const MEMO_LIMIT = 4096;
const calendarMemo = new BoundedMemo<string, Readonly<CalendarPeriod>>(MEMO_LIMIT);
const midnightMemo = new BoundedMemo<string, number>(MEMO_LIMIT);

/** Calendar dates and label of the period of `kind` containing the date 'YYYY-MM-DD' (no time zone needed). */
export function calendarPeriod(kind: PeriodKind, anyDateInPeriod: string): CalendarPeriod {
  // Invalid input throws here and is never remembered.
  return calendarMemo.get(`${kind}|${anyDateInPeriod}`, () => Object.freeze(calendarPeriodOf(kind, calendarDate(anyDateInPeriod))));
}

/** Instant of local midnight (start of day) of a date in a zone; if midnight falls in a DST gap, the first valid minute. */
export function startOfLocalDay(isoDate: string, timeZone: string): Date {
  const ms = midnightMemo.get(`${isoDate}|${timeZone}`, () => {
    const d = calendarDate(isoDate);
    return resolveWallTime({ year: d.year, month: d.month, day: d.day }, { hour: 0, minute: 0 }, timeZone).instant.getTime();
  });
  // A new Date each time: callers own (and may change) what they are given.
  return new Date(ms);
}

/**
 * Bounds of the DAY / ISO_WEEK (Monday-Sunday) / MONTH / QUARTER containing `anyDateInPeriod`, in `timeZone`:
 * start = local 00:00 of the first day, end (exclusive) = local 00:00 of the day after the last.
 * E.g. ISO_WEEK of 2026-11-25 in Asia/Shanghai: 2026-11-22T16:00:00.000Z .. 2026-11-29T16:00:00.000Z, label '2026-W48'.
 * Durations follow the zone (a March month in New York is 743 hours, not 744).
 */
export function periodBounds(kind: PeriodKind, anyDateInPeriod: string, timeZone: string): PeriodBounds {
  ianaZone(timeZone);
  const period = calendarPeriod(kind, anyDateInPeriod);
  return { ...period, timeZone, start: startOfLocalDay(period.startDate, timeZone), end: startOfLocalDay(period.endDate, timeZone) };
}

/** The period of `kind` containing `instant`, as seen in `timeZone`. */
export function periodContaining(kind: PeriodKind, instant: Date, timeZone: string): PeriodBounds {
  return periodBounds(kind, localDateOf(instant, timeZone), timeZone);
}

/**
 * The period before the one containing `anyDateInPeriod`.
 * Without a time zone: its start date 'YYYY-MM-DD' (calendar only). With one: its full bounds in that zone.
 */
export function previousPeriod(kind: PeriodKind, anyDateInPeriod: string): string;
export function previousPeriod(kind: PeriodKind, anyDateInPeriod: string, timeZone: string): PeriodBounds;
export function previousPeriod(kind: PeriodKind, anyDateInPeriod: string, timeZone?: string): string | PeriodBounds {
  const current = calendarPeriod(kind, anyDateInPeriod);
  const previous = calendarPeriodOf(kind, calendarDate(current.startDate).minus({ days: 1 }));
  return timeZone === undefined ? previous.startDate : periodBounds(kind, previous.startDate, timeZone);
}

/**
 * The period after the one containing `anyDateInPeriod`.
 * Without a time zone: its start date 'YYYY-MM-DD' (calendar only). With one: its full bounds in that zone.
 */
export function nextPeriod(kind: PeriodKind, anyDateInPeriod: string): string;
export function nextPeriod(kind: PeriodKind, anyDateInPeriod: string, timeZone: string): PeriodBounds;
export function nextPeriod(kind: PeriodKind, anyDateInPeriod: string, timeZone?: string): string | PeriodBounds {
  const next = calendarPeriod(kind, anyDateInPeriod).endDate;
  return timeZone === undefined ? next : periodBounds(kind, next, timeZone);
}

/**
 * The coarsest of QUARTER, MONTH, ISO_WEEK whose periods tile the local date range [from, to)
 * exactly (both dates are first days of such periods), or null (a range of days). Reads of a
 * whole number of aligned periods can then sum period aggregates instead of days.
 * E.g. 2026-01-01..2026-04-01 → QUARTER; 2026-11-01..2026-12-01 → MONTH; 2026-11-23..2026-11-30 → ISO_WEEK.
 */
export function alignedPeriodKind(from: string, to: string): 'ISO_WEEK' | 'MONTH' | 'QUARTER' | null {
  if (!(from < to)) return null;
  for (const kind of ['QUARTER', 'MONTH', 'ISO_WEEK'] as const) {
    if (calendarPeriod(kind, from).startDate === from && calendarPeriod(kind, to).startDate === to) return kind;
  }
  return null;
}

/**
 * The coarsest kind (QUARTER, MONTH, ISO_WEEK) that tiles every range exactly (see
 * alignedPeriodKind), or null. Empty ranges (from >= to) impose nothing.
 */
export function commonAlignedPeriodKind(ranges: readonly (readonly [string, string])[]): 'ISO_WEEK' | 'MONTH' | 'QUARTER' | null {
  const live = ranges.filter(([from, to]) => from < to);
  if (live.length === 0) return null;
  for (const kind of ['QUARTER', 'MONTH', 'ISO_WEEK'] as const) {
    if (live.every(([from, to]) => calendarPeriod(kind, from).startDate === from && calendarPeriod(kind, to).startDate === to)) return kind;
  }
  return null;
}
