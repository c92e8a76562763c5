import { describe, expect, it } from '@jest/globals';
import { calendarPeriod, nextPeriod, periodBounds, periodContaining, previousPeriod, startOfLocalDay, type PeriodBounds } from './index.js';

const plain = (p: PeriodBounds) => ({ label: p.label, startDate: p.startDate, endDate: p.endDate, start: p.start.toISOString(), end: p.end.toISOString() });
const HOUR = 3_600_000;

describe('periodBounds', () => {
  it('ISO week in Asia/Shanghai starts Monday 00:00 +08:00', () => {
    expect(plain(periodBounds('ISO_WEEK', '2026-11-25', 'Asia/Shanghai'))).toEqual({
      label: '2026-W48',
      startDate: '2026-11-23',
      endDate: '2026-11-30',
      start: '2026-11-22T16:00:00.000Z',
      end: '2026-11-29T16:00:00.000Z',
    });
    expect(periodBounds('ISO_WEEK', '2026-11-29', 'Asia/Shanghai').label).toBe('2026-W48'); // Sunday
    expect(periodBounds('ISO_WEEK', '2026-11-30', 'Asia/Shanghai').label).toBe('2026-W49'); // Monday
  });

  it('ISO week across the year boundary: 2026-12-31 is in 2026-W53', () => {
    const expected = { label: '2026-W53', startDate: '2026-12-28', endDate: '2027-01-04', start: '2026-12-28T00:00:00.000Z', end: '2027-01-04T00:00:00.000Z' };
    expect(plain(periodBounds('ISO_WEEK', '2026-12-31', 'UTC'))).toEqual(expected);
    expect(plain(periodBounds('ISO_WEEK', '2027-01-03', 'UTC'))).toEqual(expected);
    expect(periodBounds('ISO_WEEK', '2027-01-04', 'UTC').label).toBe('2027-W01');
    expect(periodBounds('ISO_WEEK', '2024-12-30', 'UTC').label).toBe('2025-W01');
    expect(periodBounds('ISO_WEEK', '2026-01-01', 'UTC')).toMatchObject({ label: '2026-W01', startDate: '2025-12-29' });
  });

  it('month in a DST month is not 30/31 x 24h', () => {
    const march = periodBounds('MONTH', '2026-03-15', 'America/New_York');
    expect(plain(march)).toEqual({
      label: '2026-03',
      startDate: '2026-03-01',
      endDate: '2026-04-01',
      start: '2026-03-01T05:00:00.000Z',
      end: '2026-04-01T04:00:00.000Z',
    });
    expect((march.end.getTime() - march.start.getTime()) / HOUR).toBe(31 * 24 - 1);
    const november = periodBounds('MONTH', '2026-11-01', 'America/New_York');
    expect(plain(november)).toEqual({
      label: '2026-11',
      startDate: '2026-11-01',
      endDate: '2026-12-01',
      start: '2026-11-01T04:00:00.000Z',
      end: '2026-12-01T05:00:00.000Z',
    });
    expect((november.end.getTime() - november.start.getTime()) / HOUR).toBe(30 * 24 + 1);
    expect(periodBounds('MONTH', '2028-02-10', 'UTC')).toMatchObject({ label: '2028-02', endDate: '2028-03-01' });
  });

  it('quarters', () => {
    expect(plain(periodBounds('QUARTER', '2026-11-15', 'America/New_York'))).toEqual({
      label: '2026-Q4',
      startDate: '2026-10-01',
      endDate: '2027-01-01',
      start: '2026-10-01T04:00:00.000Z',
      end: '2027-01-01T05:00:00.000Z',
    });
    expect(plain(periodBounds('QUARTER', '2026-02-10', 'Asia/Shanghai'))).toEqual({
      label: '2026-Q1',
      startDate: '2026-01-01',
      endDate: '2026-04-01',
      start: '2025-12-31T16:00:00.000Z',
      end: '2026-03-31T16:00:00.000Z',
    });
    expect(calendarPeriod('QUARTER', '2026-06-30')).toEqual({ kind: 'QUARTER', label: '2026-Q2', startDate: '2026-04-01', endDate: '2026-07-01' });
    expect(calendarPeriod('QUARTER', '2026-07-01').label).toBe('2026-Q3');
  });

  it('days: 23h on the spring-forward day', () => {
    const day = periodBounds('DAY', '2026-03-08', 'America/New_York');
    expect(plain(day)).toEqual({
      label: '2026-03-08',
      startDate: '2026-03-08',
      endDate: '2026-03-09',
      start: '2026-03-08T05:00:00.000Z',
      end: '2026-03-09T04:00:00.000Z',
    });
    expect(day).toMatchObject({ kind: 'DAY', timeZone: 'America/New_York' });
  });

  it('a day whose midnight does not exist starts at the first valid minute', () => {
    expect(startOfLocalDay('2026-03-08', 'America/Havana').toISOString()).toBe('2026-03-08T05:00:00.000Z');
    expect(plain(periodBounds('DAY', '2026-03-08', 'America/Havana'))).toMatchObject({ start: '2026-03-08T05:00:00.000Z', end: '2026-03-09T04:00:00.000Z' });
  });

  it('rejects invalid input', () => {
    expect(() => periodBounds('ISO_WEEK', '2026-02-30', 'UTC')).toThrow(/Invalid date/);
    expect(() => periodBounds('MONTH', '2026-02-01', 'Mars/Base')).toThrow(/Invalid time zone/);
    expect(() => periodBounds('YEAR' as never, '2026-02-01', 'UTC')).toThrow(/Invalid period kind "YEAR"/);
  });
});

describe('previousPeriod / nextPeriod', () => {
  it('return start dates without a time zone', () => {
    expect(previousPeriod('ISO_WEEK', '2027-01-02')).toBe('2026-12-21');
    expect(nextPeriod('ISO_WEEK', '2027-01-02')).toBe('2027-01-04');
    expect(previousPeriod('MONTH', '2026-03-31')).toBe('2026-02-01');
    expect(nextPeriod('MONTH', '2026-01-31')).toBe('2026-02-01');
    expect(previousPeriod('QUARTER', '2026-01-01')).toBe('2025-10-01');
    expect(nextPeriod('QUARTER', '2026-11-15')).toBe('2027-01-01');
    expect(previousPeriod('DAY', '2026-03-01')).toBe('2026-02-28');
    expect(nextPeriod('DAY', '2026-12-31')).toBe('2027-01-01');
  });
  it('return bounds with a time zone', () => {
    expect(plain(previousPeriod('QUARTER', '2026-02-10', 'Asia/Shanghai'))).toEqual({
      label: '2025-Q4',
      startDate: '2025-10-01',
      endDate: '2026-01-01',
      start: '2025-09-30T16:00:00.000Z',
      end: '2025-12-31T16:00:00.000Z',
    });
    expect(plain(nextPeriod('ISO_WEEK', '2026-12-31', 'Asia/Shanghai'))).toEqual({
      label: '2027-W01',
      startDate: '2027-01-04',
      endDate: '2027-01-11',
      start: '2027-01-03T16:00:00.000Z',
      end: '2027-01-10T16:00:00.000Z',
    });
  });
});

describe('periodContaining', () => {
  const instant = new Date('2026-11-22T16:30:00.000Z'); // Monday 00:30 in Shanghai, Sunday in UTC
  it('uses the given zone', () => {
    expect(periodContaining('DAY', instant, 'Asia/Shanghai').label).toBe('2026-11-23');
    expect(periodContaining('DAY', instant, 'UTC').label).toBe('2026-11-22');
    expect(periodContaining('ISO_WEEK', instant, 'Asia/Shanghai').label).toBe('2026-W48');
    expect(periodContaining('ISO_WEEK', instant, 'UTC').label).toBe('2026-W47');
  });
  it('start is inclusive, end exclusive', () => {
    const week = periodBounds('ISO_WEEK', '2026-11-23', 'Asia/Shanghai');
    expect(periodContaining('ISO_WEEK', week.start, 'Asia/Shanghai').label).toBe('2026-W48');
    expect(periodContaining('ISO_WEEK', new Date(week.end.getTime() - 1), 'Asia/Shanghai').label).toBe('2026-W48');
    expect(periodContaining('ISO_WEEK', week.end, 'Asia/Shanghai').label).toBe('2026-W49');
  });
  it('month and quarter from an instant', () => {
    expect(periodContaining('MONTH', new Date('2026-03-31T23:30:00.000Z'), 'America/New_York').label).toBe('2026-03');
    expect(periodContaining('MONTH', new Date('2026-04-01T04:00:00.000Z'), 'America/New_York').label).toBe('2026-04');
    expect(periodContaining('QUARTER', new Date('2026-12-31T16:00:00.000Z'), 'Asia/Shanghai').label).toBe('2027-Q1');
  });
});

describe('memoised periods and midnights', () => {
  it('a repeated question gets the same answer, in a Date of its own', () => {
    const a = periodBounds('MONTH', '2026-03-15', 'America/New_York');
    a.start.setTime(0); // a caller changing its copy changes nobody else's
    const b = periodBounds('MONTH', '2026-03-15', 'America/New_York');
    expect(plain(b)).toEqual({
      label: '2026-03',
      startDate: '2026-03-01',
      endDate: '2026-04-01',
      start: '2026-03-01T05:00:00.000Z',
      end: '2026-04-01T04:00:00.000Z',
    });
    expect(b.start).not.toBe(a.start);
    expect(startOfLocalDay('2026-03-08', 'America/New_York')).not.toBe(startOfLocalDay('2026-03-08', 'America/New_York'));
    expect(calendarPeriod('QUARTER', '2026-05-20')).toEqual({ kind: 'QUARTER', label: '2026-Q2', startDate: '2026-04-01', endDate: '2026-07-01' });
    expect(Object.isFrozen(calendarPeriod('QUARTER', '2026-05-20'))).toBe(true);
  });
  it('bad input is refused every time, never remembered', () => {
    for (let i = 0; i < 2; i++) {
      expect(() => calendarPeriod('MONTH', '2026-02-30')).toThrow();
      expect(() => startOfLocalDay('2026-13-01', 'UTC')).toThrow();
      expect(() => periodBounds('DAY', '2026-01-01', 'Mars/Olympus')).toThrow();
    }
  });
  it('keeps answering correctly past its size limit', () => {
    let d = '2026-01-01';
    for (let i = 0; i < 5000; i++) d = calendarPeriod('DAY', d).endDate;
    expect(d).toBe('2039-09-10'); // 2026-01-01 + 5,000 days
    expect(calendarPeriod('ISO_WEEK', '2026-11-25').label).toBe('2026-W48');
  });
});
