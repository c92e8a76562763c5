import { describe, expect, it } from '@jest/globals';
import { monthIndexOf, monthIndexOfDate, monthLabel, monthStart, monthsOfRange, monthsSince } from './months.js';

describe('months in a time zone', () => {
  it('numbers months so that differences are calendar months', () => {
    expect(monthIndexOfDate('2026-01-15')).toBe(2026 * 12);
    expect(monthIndexOfDate('2025-12')).toBe(2026 * 12 - 1);
    expect(monthLabel(2026 * 12)).toBe('2026-01');
    expect(monthLabel(2026 * 12 - 1)).toBe('2025-12');
    expect(monthLabel(monthIndexOfDate('2026-11-30'))).toBe('2026-11');
  });

  it('reads the month of an instant in the zone, at the boundaries', () => {
    // 23:30 on 31 March in New York is already April in UTC.
    expect(monthLabel(monthIndexOf(new Date('2026-04-01T03:30:00Z'), 'America/New_York'))).toBe('2026-03');
    expect(monthLabel(monthIndexOf(new Date('2026-04-01T04:00:00Z'), 'America/New_York'))).toBe('2026-04');
    // 00:30 on 1 April in Shanghai is still March in UTC.
    expect(monthLabel(monthIndexOf(new Date('2026-03-31T16:30:00Z'), 'Asia/Shanghai'))).toBe('2026-04');
    expect(monthLabel(monthIndexOf(new Date('2026-03-31T15:59:59Z'), 'Asia/Shanghai'))).toBe('2026-03');
  });

  it('starts months at local midnight on both sides of a DST change', () => {
    // New York: EST (−5) in March's first days, EDT (−4) from 8 March 2026 to 1 November.
    expect(monthStart(monthIndexOfDate('2026-03-01'), 'America/New_York').toISOString()).toBe('2026-03-01T05:00:00.000Z');
    expect(monthStart(monthIndexOfDate('2026-04-01'), 'America/New_York').toISOString()).toBe('2026-04-01T04:00:00.000Z');
    expect(monthStart(monthIndexOfDate('2026-11-01'), 'America/New_York').toISOString()).toBe('2026-11-01T04:00:00.000Z');
    expect(monthStart(monthIndexOfDate('2026-12-01'), 'America/New_York').toISOString()).toBe('2026-12-01T05:00:00.000Z');
    // Santiago moves its clocks at midnight: 5 April 2026 00:00 exists twice, 6 September 00:00 not at all.
    expect(monthStart(monthIndexOfDate('2026-09-01'), 'America/Santiago').toISOString()).toBe('2026-09-01T04:00:00.000Z');
  });

  it('counts months since acquisition by calendar month, not by 30 days', () => {
    const tz = 'Europe/Moscow';
    expect(monthsSince(new Date('2026-01-31T12:00:00Z'), new Date('2026-02-01T12:00:00Z'), tz)).toBe(1);
    expect(monthsSince(new Date('2026-01-01T12:00:00Z'), new Date('2026-01-31T12:00:00Z'), tz)).toBe(0);
    expect(monthsSince(new Date('2025-12-15T12:00:00Z'), new Date('2026-03-01T12:00:00Z'), tz)).toBe(3);
    // 31 Jan 22:00 UTC is 1 Feb 01:00 in Moscow.
    expect(monthsSince(new Date('2026-01-15T12:00:00Z'), new Date('2026-01-31T22:00:00Z'), tz)).toBe(1);
  });

  it('lists the months of a range of local dates, [from, to)', () => {
    expect(monthsOfRange('2026-01-01', '2026-04-01').map(monthLabel)).toEqual(['2026-01', '2026-02', '2026-03']);
    expect(monthsOfRange('2026-01-15', '2026-02-02').map(monthLabel)).toEqual(['2026-01', '2026-02']);
    expect(monthsOfRange('2025-12-31', '2026-01-01').map(monthLabel)).toEqual(['2025-12']);
    expect(monthsOfRange('2026-03-01', '2026-03-01')).toEqual([]);
    expect(monthsOfRange('2026-03-02', '2026-03-01')).toEqual([]);
  });
});
