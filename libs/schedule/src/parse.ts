import { DateTime } from 'luxon';

/** A wall-clock time of day, minute precision. */
export interface LocalTime {
  hour: number;
  minute: number;
}

/** A calendar date (no time, no zone). `month` is 1-12. */
export interface IsoDateParts {
  year: number;
  month: number;
  day: number;
}

const LOCAL_TIME_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;
const ISO_DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

function describe(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

/** True for a strict 'HH:MM' string between 00:00 and 23:59 (two digits each, no seconds). */
export function isValidLocalTime(value: unknown): value is string {
  return typeof value === 'string' && LOCAL_TIME_RE.test(value);
}

/** Parses a strict 'HH:MM' (00:00-23:59). Throws a RangeError otherwise. */
export function parseLocalTime(hhmm: string): LocalTime {
  const match = typeof hhmm === 'string' ? LOCAL_TIME_RE.exec(hhmm) : null;
  if (!match) {
    throw new RangeError(`Invalid local time ${describe(hhmm)}: expected 'HH:MM' between 00:00 and 23:59`);
  }
  return { hour: Number(match[1]), minute: Number(match[2]) };
}

function parseIsoDateOrNull(value: unknown): IsoDateParts | null {
  if (typeof value !== 'string') return null;
  const match = ISO_DATE_RE.exec(value);
  if (!match) return null;
  const parts = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  // Luxon rejects impossible dates such as 2026-02-30 or month 13.
  return DateTime.fromObject(parts, { zone: 'utc' }).isValid ? parts : null;
}

/** True for a strict, existing calendar date 'YYYY-MM-DD' (2026-02-30 is rejected). */
export function isValidIsoDate(value: unknown): value is string {
  return parseIsoDateOrNull(value) !== null;
}

/** Parses a strict calendar date 'YYYY-MM-DD'. Throws a RangeError for bad syntax or a date that does not exist. */
export function parseIsoDate(isoDate: string): IsoDateParts {
  const parts = parseIsoDateOrNull(isoDate);
  if (!parts) {
    throw new RangeError(`Invalid date ${describe(isoDate)}: expected an existing calendar date 'YYYY-MM-DD'`);
  }
  return parts;
}

/** Formats hour/minute as 'HH:MM'. */
export function formatLocalTime(time: LocalTime): string {
  return `${String(time.hour).padStart(2, '0')}:${String(time.minute).padStart(2, '0')}`;
}

/** Calendar date as a Luxon DateTime at midnight in the fixed 'utc' zone: used only for calendar (day/month) arithmetic. */
export function calendarDate(isoDate: string): DateTime {
  return DateTime.fromObject(parseIsoDate(isoDate), { zone: 'utc' });
}

/** Throws unless `value` is a valid Date object. */
export function assertValidDate(value: unknown, name: string): asserts value is Date {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) {
    throw new RangeError(`${name} must be a valid Date (got ${describe(value)})`);
  }
}
