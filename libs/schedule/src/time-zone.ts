import { IANAZone } from 'luxon';
import { BoundedMemo } from './memo.js';

const MAX_CACHED_ZONES = 1000;
const validity = new BoundedMemo<string, boolean>(MAX_CACHED_ZONES);

/**
 * True when `timeZone` is an IANA zone name known to the runtime's tz database
 * ('America/New_York', 'Asia/Shanghai', 'UTC'). Rejects '', unknown names and offsets such as '+08:00'.
 */
export function isValidTimeZone(timeZone: unknown): timeZone is string {
  if (typeof timeZone !== 'string' || timeZone.trim() === '') return false;
  // IANAZone.isValidZone builds an Intl.DateTimeFormat on every call (~65µs); memoise the answer (bounded cache).
  return validity.get(timeZone, (zone) => IANAZone.isValidZone(zone));
}

/** Returns the Luxon zone for `timeZone`, throwing a RangeError when it is not a valid IANA zone. */
export function ianaZone(timeZone: string): IANAZone {
  if (!isValidTimeZone(timeZone)) {
    throw new RangeError(
      `Invalid time zone ${typeof timeZone === 'string' ? JSON.stringify(timeZone) : String(timeZone)}: expected an IANA name such as 'America/New_York'`,
    );
  }
  return IANAZone.create(timeZone);
}
