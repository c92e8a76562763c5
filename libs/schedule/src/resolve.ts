import { DateTime } from 'luxon';
import { assertValidDate, calendarDate, formatLocalTime, parseIsoDate, parseLocalTime, type IsoDateParts, type LocalTime } from './parse.js';
import { ianaZone } from './time-zone.js';

/**
 * How the requested wall time was mapped to an instant:
 * - NONE: the local time exists exactly once on that date;
 * - SHIFTED_FORWARD: it falls in a spring-forward gap and was moved to the first valid minute after the gap;
 * - AMBIGUOUS_EARLIER: it occurs twice (fall-back overlap) and the earlier instant was taken.
 */
export type SlotAdjustment = 'NONE' | 'SHIFTED_FORWARD' | 'AMBIGUOUS_EARLIER';

export interface ResolvedLocalDateTime {
  instant: Date;
  /** `instant.toISOString()`, e.g. '2026-03-08T07:00:00.000Z'. */
  utc: string;
  /** Local calendar date of the instant (differs from the requested one only if a gap spans midnight). */
  localDate: string;
  /** Wall time actually used, 'HH:MM' (e.g. '03:00' for a requested '02:30' inside a 02:00-03:00 gap). */
  localTime: string;
  /** UTC offset of the zone at the instant, in minutes (EDT = -240). */
  offsetMinutes: number;
  adjustment: SlotAdjustment;
}

export type ResolvedSlot = ResolvedLocalDateTime;

export interface CohortCalendar {
  /** Cohort start date 'YYYY-MM-DD' = day 0. */
  startDate: string;
  /** IANA time zone of the cohort. */
  timeZone: string;
}

export interface SlotInput extends CohortCalendar {
  /** Camp day; 0 = start date, negative for warm-up days. Must be an integer. */
  dayOffset: number;
  /** Wall time 'HH:MM'. */
  localTime: string;
}

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
/** Half-width of the search window around the wall time; larger than any real UTC offset (max ±14h). */
const SEARCH_SPAN_MS = 18 * HOUR_MS;

/**
 * Maps a local wall time in `timeZone` to an instant, with explicit DST rules. All offsets come from Luxon's zone data.
 *
 * Luxon's own `DateTime.fromObject(..., { zone })` does not implement our rules: for a time inside a spring-forward gap it
 * shifts by the gap length (02:30 → 03:30 EDT in New York, we want 03:00), and for an ambiguous time the offset it picks
 * depends on the zone (New York 01:30 on 2026-11-01 → the later EST instant, we want the earlier EDT one). So instead:
 * 1. read the zone's offsets 18h before and 18h after the wall time (both sides of any transition that could affect it;
 *    this assumes at most one transition per 36h, true of every real zone). Equal offsets → no transition → NONE;
 * 2. otherwise keep each offset `o` for which the instant `wall - o` really has offset `o` in the zone:
 *    one → NONE, two → AMBIGUOUS_EARLIER (the earlier instant);
 * 3. none → the wall time is in a gap: binary-search the first minute whose local wall time is >= the requested one,
 *    i.e. the transition instant, whose wall time is the first valid minute after the gap (SHIFTED_FORWARD).
 * Offset look-ups cost a few µs each (Intl), so the common case makes only two.
 */
export function resolveWallTime(date: IsoDateParts, time: LocalTime, timeZone: string): ResolvedLocalDateTime {
  const zone = ianaZone(timeZone);
  const wallDate = DateTime.fromObject({ ...date, hour: time.hour, minute: time.minute }, { zone: 'utc' });
  if (!wallDate.isValid) {
    throw new RangeError(`Invalid local date-time ${JSON.stringify(date)} ${formatLocalTime(time)}`);
  }
  // Wall-clock reading expressed as if it were UTC milliseconds ("local epoch").
  const wall = wallDate.toMillis();
  const localAt = (t: number): number => t + zone.offset(t) * MINUTE_MS;
  const exact = (instantMs: number, offsetMinutes: number, adjustment: SlotAdjustment): ResolvedLocalDateTime => {
    const instant = new Date(instantMs);
    return { instant, utc: instant.toISOString(), localDate: wallDate.toISODate()!, localTime: formatLocalTime(time), offsetMinutes, adjustment };
  };

  const before = zone.offset(wall - SEARCH_SPAN_MS);
  const after = zone.offset(wall + SEARCH_SPAN_MS);
  if (before === after) return exact(wall - before * MINUTE_MS, before, 'NONE');

  const valid = [before, after].filter((o) => localAt(wall - o * MINUTE_MS) === wall).sort((a, b) => b - a); // larger offset = earlier instant
  if (valid.length > 0) return exact(wall - valid[0]! * MINUTE_MS, valid[0]!, valid.length > 1 ? 'AMBIGUOUS_EARLIER' : 'NONE');

  let lo = wall - SEARCH_SPAN_MS;
  let hi = wall + SEARCH_SPAN_MS;
  if (!(localAt(lo) < wall && localAt(hi) >= wall)) {
    throw new Error(`Cannot resolve ${wallDate.toFormat("yyyy-MM-dd'T'HH:mm")} in ${timeZone}: unexpected zone transitions`);
  }
  // Invariant: localAt(lo) < wall <= localAt(hi); lo and hi stay on whole minutes.
  while (hi - lo > MINUTE_MS) {
    const mid = lo + Math.floor((hi - lo) / MINUTE_MS / 2) * MINUTE_MS;
    if (localAt(mid) >= wall) hi = mid;
    else lo = mid;
  }
  const local = DateTime.fromMillis(hi, { zone });
  const instant = new Date(hi);
  return {
    instant,
    utc: instant.toISOString(),
    localDate: local.toISODate()!,
    localTime: local.toFormat('HH:mm'),
    offsetMinutes: local.offset,
    adjustment: 'SHIFTED_FORWARD',
  };
}

/** Resolves local date 'YYYY-MM-DD' + wall time 'HH:MM' in `timeZone` (same DST rules as {@link resolveSlot}). */
export function resolveLocalDateTime(input: { date: string; localTime: string; timeZone: string }): ResolvedLocalDateTime {
  return resolveWallTime(parseIsoDate(input.date), parseLocalTime(input.localTime), input.timeZone);
}

/** Calendar date `startDate + dayOffset` days ('YYYY-MM-DD'); calendar days, not multiples of 24h. */
export function campDayDate(startDate: string, dayOffset: number): string {
  if (!Number.isSafeInteger(dayOffset)) {
    throw new RangeError(`dayOffset must be an integer (got ${String(dayOffset)})`);
  }
  const day = calendarDate(startDate).plus({ days: dayOffset });
  if (!day.isValid || day.year < 0 || day.year > 9999) {
    throw new RangeError(`dayOffset ${dayOffset} from ${startDate} is out of range`);
  }
  return day.toISODate()!;
}

/**
 * Instant of a playbook step "day N at local HH:MM" for a cohort.
 * Day N is the calendar date startDate + N in the cohort zone (so 19:30 stays 19:30 across a DST change).
 * A wall time inside a spring-forward gap moves forward to the first valid minute after the gap
 * (02:30 on 2026-03-08 in America/New_York → 03:00 EDT = 07:00Z); an ambiguous fall-back time takes the earlier instant
 * (01:30 on 2026-11-01 in America/New_York → 01:30 EDT = 05:30Z).
 */
export function resolveSlot(input: SlotInput): ResolvedSlot {
  const time = parseLocalTime(input.localTime);
  ianaZone(input.timeZone);
  const date = calendarDate(campDayDate(input.startDate, input.dayOffset));
  return resolveWallTime({ year: date.year, month: date.month, day: date.day }, time, input.timeZone);
}

/** Local calendar date 'YYYY-MM-DD' of an instant in `timeZone`. */
export function localDateOf(instant: Date, timeZone: string): string {
  assertValidDate(instant, 'instant');
  return DateTime.fromJSDate(instant, { zone: ianaZone(timeZone) }).toISODate()!;
}

/**
 * Camp day on which `instant` falls in the cohort's zone: 0 on the start date, negative before it.
 * Counted in local calendar days, so it changes exactly at local midnight whatever the DST state.
 */
export function localDayNumber(cohort: CohortCalendar, instant: Date): number {
  const start = calendarDate(cohort.startDate);
  const local = calendarDate(localDateOf(instant, cohort.timeZone));
  return Math.round(local.diff(start, 'days').days);
}
