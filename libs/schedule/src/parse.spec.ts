import { describe, expect, it } from '@jest/globals';
import { isValidIsoDate, isValidLocalTime, isValidTimeZone, parseIsoDate, parseLocalTime } from './index.js';

describe('isValidTimeZone', () => {
  it.each(['America/New_York', 'Asia/Shanghai', 'UTC', 'Europe/London', 'Australia/Lord_Howe'])('accepts %s', (tz) => {
    expect(isValidTimeZone(tz)).toBe(true);
  });
  it.each(['', '   ', 'Mars/Base', 'America/Nowhere', 'not a zone', '+08:00', 'GMT+25'])('rejects %j', (tz) => {
    expect(isValidTimeZone(tz)).toBe(false);
  });
  it('rejects non-strings', () => {
    expect(isValidTimeZone(undefined)).toBe(false);
    expect(isValidTimeZone(8)).toBe(false);
  });
});

describe('parseLocalTime / isValidLocalTime', () => {
  it('parses the bounds and ordinary times', () => {
    expect(parseLocalTime('00:00')).toEqual({ hour: 0, minute: 0 });
    expect(parseLocalTime('23:59')).toEqual({ hour: 23, minute: 59 });
    expect(parseLocalTime('19:30')).toEqual({ hour: 19, minute: 30 });
    expect(parseLocalTime('09:05')).toEqual({ hour: 9, minute: 5 });
  });
  it.each(['24:00', '23:60', '9:30', '09:5', '0930', '09:30:00', ' 09:30', '09:30 ', '', 'ab:cd', '-1:00', '09h30'])('rejects %j', (value) => {
    expect(isValidLocalTime(value)).toBe(false);
    expect(() => parseLocalTime(value)).toThrow(/Invalid local time .*expected 'HH:MM' between 00:00 and 23:59/);
  });
  it('accepts valid strings only', () => {
    expect(isValidLocalTime('12:00')).toBe(true);
    expect(isValidLocalTime(1200)).toBe(false);
    expect(isValidLocalTime(null)).toBe(false);
  });
});

describe('parseIsoDate / isValidIsoDate', () => {
  it('parses existing dates', () => {
    expect(parseIsoDate('2026-03-08')).toEqual({ year: 2026, month: 3, day: 8 });
    expect(parseIsoDate('2028-02-29')).toEqual({ year: 2028, month: 2, day: 29 });
  });
  it.each(['2026-02-30', '2026-02-29', '2026-13-01', '2026-00-10', '2026-04-31', '2026-3-8', '20260308', '2026-03-08T00:00', '', '26-03-08'])(
    'rejects %j',
    (value) => {
      expect(isValidIsoDate(value)).toBe(false);
      expect(() => parseIsoDate(value)).toThrow(/Invalid date .*expected an existing calendar date 'YYYY-MM-DD'/);
    },
  );
});
