import { describe, expect, it } from '@jest/globals';
import {
  addDays,
  currencyDigits,
  formatCountdown,
  formatDateTime,
  formatMinutes,
  formatMoney,
  formatTime,
  isoWeekRange,
  localDate,
  startOfLocalDate,
} from './format';

// Intl puts no-break spaces (U+00A0, U+202F) in Russian and Vietnamese numbers; compare with plain spaces.
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('formatMoney', () => {
  it('uses the currency minor-unit digits', () => {
    expect(currencyDigits('CNY')).toBe(2);
    expect(currencyDigits('JPY')).toBe(0);
    expect(currencyDigits('KWD')).toBe(3);
    expect(currencyDigits('VND')).toBe(0);
  });

  it('formats yuan with two decimals in English and Chinese', () => {
    expect(formatMoney(129900, 'CNY', 'en-GB')).toBe('¥1,299.00');
    expect(formatMoney(129900, 'CNY', 'zh-CN')).toBe('¥1,299.00');
    expect(formatMoney(5, 'CNY', 'en-GB')).toBe('¥0.05');
  });

  it('writes whole roubles without kopecks, and keeps kopecks when there are some', () => {
    expect(plain(formatMoney(1299000, 'RUB', 'ru-RU'))).toBe('12 990 ₽');
    expect(plain(formatMoney(1299050, 'RUB', 'ru-RU'))).toBe('12 990,50 ₽');
  });

  it('handles currencies without or with three minor digits', () => {
    expect(formatMoney(1299, 'JPY', 'en-GB')).toBe('¥1,299');
    expect(plain(formatMoney(129900, 'VND', 'vi-VN'))).toBe('129.900 ₫');
    expect(plain(formatMoney(1234, 'KWD', 'en-GB'))).toBe('KWD 1.234');
  });

  it('formats negative amounts (refunds)', () => {
    expect(formatMoney(-129900, 'CNY', 'en-GB')).toBe('-¥1,299.00');
  });

  it('shows the code of a currency Intl has no symbol for, and survives a malformed one', () => {
    expect(plain(formatMoney(100, 'XXZ', 'en-GB'))).toBe('XXZ 1.00');
    expect(formatMoney(100, 'R$', 'en-GB')).toBe('1.00 R$');
  });
});

describe('formatDateTime / formatTime', () => {
  const instant = new Date('2026-12-04T18:30:00Z');
  it('shows the instant in the organization time zone', () => {
    expect(formatDateTime(instant, 'Asia/Shanghai', 'en-GB')).toBe('5 Dec 2026, 02:30');
    expect(formatDateTime(instant, 'Europe/Moscow', 'ru-RU')).toBe('4 дек. 2026 г., 21:30');
    expect(formatTime(instant, 'Asia/Ho_Chi_Minh', 'vi-VN')).toBe('01:30');
    expect(formatTime('2026-12-04T18:30:00Z', 'UTC', 'zh-CN')).toBe('18:30');
  });
});

describe('formatMinutes', () => {
  it('uses the locale short unit and at most one decimal', () => {
    expect(formatMinutes(32.5, 'en-US')).toBe('32.5 min');
    expect(formatMinutes(1440, 'en-US')).toBe('1,440 min');
    expect(formatMinutes(75, 'ru-RU')).toBe('75 мин');
  });
});

describe('formatCountdown', () => {
  it('writes h:mm:ss, or m:ss under an hour, with a sign when past', () => {
    expect(formatCountdown(3_725_000)).toBe('1:02:05');
    expect(formatCountdown(65_000)).toBe('1:05');
    expect(formatCountdown(-65_000)).toBe('−1:05');
    expect(formatCountdown(0)).toBe('0:00');
    expect(formatCountdown(999)).toBe('0:00');
  });
});

describe('local dates in a time zone', () => {
  it('finds the local date and its first instant', () => {
    expect(localDate(new Date('2026-12-04T18:30:00Z'), 'Asia/Shanghai')).toBe('2026-12-05');
    expect(startOfLocalDate('2026-12-05', 'Asia/Shanghai').toISOString()).toBe('2026-12-04T16:00:00.000Z');
    expect(startOfLocalDate('2026-12-05', 'Europe/Moscow').toISOString()).toBe('2026-12-04T21:00:00.000Z');
  });

  it('is right across DST changes', () => {
    // Berlin moves to CEST on 2026-03-29: that day starts at 23:00Z the day before, the next at 22:00Z.
    expect(startOfLocalDate('2026-03-29', 'Europe/Berlin').toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(startOfLocalDate('2026-03-30', 'Europe/Berlin').toISOString()).toBe('2026-03-29T22:00:00.000Z');
  });

  it('adds days across month ends', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('gives the ISO week (Monday first) in the zone', () => {
    // Saturday 2026-12-05 in Shanghai: the week runs Mon 2026-11-30 .. Mon 2026-12-07 local.
    const w = isoWeekRange(new Date('2026-12-04T18:30:00Z'), 'Asia/Shanghai');
    expect(w.from.toISOString()).toBe('2026-11-29T16:00:00.000Z');
    expect(w.to.toISOString()).toBe('2026-12-06T16:00:00.000Z');
    // A Monday is its own week's start.
    const m = isoWeekRange(new Date('2026-11-30T10:00:00Z'), 'UTC');
    expect(m.from.toISOString()).toBe('2026-11-30T00:00:00.000Z');
  });
});
