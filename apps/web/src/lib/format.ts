/**
 * Locale-aware formatting with Intl only. Money arrives from the API as whole minor units of the
 * organization's currency (docs/api.md); dates as UTC instants shown in the organization's zone.
 */

/** Minor-unit digits of an ISO 4217 currency as Intl knows them (JPY 0, USD 2, KWD 3). */
export function currencyDigits(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/**
 * Currencies whose whole amounts are customarily written without the minor unit (Russian-style
 * price tags: "12 990 ₽", not "12 990,00 ₽"). Amounts with kopecks still show them.
 */
const WHOLE_WITHOUT_MINOR = new Set(['RUB', 'BYN', 'KZT', 'UAH']);

/**
 * Money from whole minor units with the currency's own minor-unit digits:
 * `formatMoney(129900, 'CNY', 'zh')` → "¥1,299.00", `formatMoney(1299000, 'RUB', 'ru')` → "12 990 ₽",
 * `formatMoney(1299, 'JPY', 'en')` → "¥1,299" (no minor unit), `formatMoney(1234, 'KWD', 'en')` → "KWD 1.234".
 */
export function formatMoney(minorUnits: number, currency: string, locale: string): string {
  const digits = currencyDigits(currency);
  const major = minorUnits / 10 ** digits;
  const minimum = WHOLE_WITHOUT_MINOR.has(currency) && Number.isInteger(major) ? 0 : digits;
  try {
    return new Intl.NumberFormat(locale, {
      style: 'currency',
      currency,
      currencyDisplay: 'narrowSymbol',
      minimumFractionDigits: minimum,
      maximumFractionDigits: digits,
    }).format(major);
  } catch {
    return `${major.toFixed(digits)} ${currency}`;
  }
}

/** An instant as a date and time in a time zone: "4 Dec 2026, 21:30". */
export function formatDateTime(date: Date | string, timeZone: string, locale: string): string {
  const d = typeof date === 'string' ? new Date(date) : date;
  return new Intl.DateTimeFormat(locale, { timeZone, dateStyle: 'medium', timeStyle: 'short' }).format(d);
}

/** An instant as a wall-clock time in a time zone: "21:30". */
export function formatTime(date: Date | string, timeZone: string, locale: string): string {
  const d = typeof date === 'string' ? new Date(date) : date;
  return new Intl.DateTimeFormat(locale, { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(d);
}

/** Short weekday and wall-clock time in a time zone: "Sun 19:00" / "вс 19:00". */
export function formatDayTime(date: Date | string, timeZone: string, locale: string): string {
  const d = typeof date === 'string' ? new Date(date) : date;
  return new Intl.DateTimeFormat(locale, { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(d);
}

/** A share in [0, 1] as a percentage: 0.875 → "87.5%" / "87,5 %". */
export function formatPercent(share: number, locale: string, digits = 0): string {
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: digits }).format(share);
}

/** A number with the locale's grouping, at most `digits` decimals. */
export function formatNumber(value: number, locale: string, digits = 2): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(value);
}

/** A duration in minutes with the locale's short unit: 32.5 → "32.5 min" / "32,5 мин" / "32.5分钟". */
export function formatMinutes(minutes: number, locale: string): string {
  return new Intl.NumberFormat(locale, { style: 'unit', unit: 'minute', unitDisplay: 'short', maximumFractionDigits: 1 }).format(minutes);
}

/** Signed duration as a clock: 3_725_000 → "1:02:05", -65_000 → "−1:05"; seconds always two digits. */
export function formatCountdown(ms: number): string {
  const sign = ms < 0 ? '−' : '';
  let s = Math.floor(Math.abs(ms) / 1000);
  const h = Math.floor(s / 3600);
  s -= h * 3600;
  const m = Math.floor(s / 60);
  s -= m * 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${sign}${h}:${pad(m)}:${pad(s)}` : `${sign}${m}:${pad(s)}`;
}

/** The local calendar date (YYYY-MM-DD) of an instant in a time zone. */
export function localDate(date: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(date);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** Offset of a time zone from UTC at an instant, in minutes (Moscow → 180). */
export function zoneOffsetMinutes(date: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(date);
  const n = (t: string) => Number(parts.find((p) => p.type === t)?.value ?? 0);
  const asUtc = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour') % 24, n('minute'), n('second'));
  return Math.round((asUtc - Math.floor(date.getTime() / 1000) * 1000) / 60000);
}

/** The instant a local date (YYYY-MM-DD) starts in a time zone (DST-safe to the hour). */
export function startOfLocalDate(date: string, timeZone: string): Date {
  const [y, m, d] = date.split('-').map(Number);
  const guess = Date.UTC(y, m - 1, d);
  let t = guess - zoneOffsetMinutes(new Date(guess), timeZone) * 60000;
  // Second pass: the offset at the found instant may differ (a DST change near midnight).
  t = guess - zoneOffsetMinutes(new Date(t), timeZone) * 60000;
  return new Date(t);
}

/** Adds days to a local date string. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** [start, end) instants of the ISO week (Monday first) containing `now` in a time zone. */
export function isoWeekRange(now: Date, timeZone: string): { from: Date; to: Date } {
  const today = localDate(now, timeZone);
  const [y, m, d] = today.split('-').map(Number);
  const weekday = (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7; // Monday = 0
  const monday = addDays(today, -weekday);
  return { from: startOfLocalDate(monday, timeZone), to: startOfLocalDate(addDays(monday, 7), timeZone) };
}
