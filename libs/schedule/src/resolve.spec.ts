import { describe, expect, it } from '@jest/globals';
import { campDayDate, localDayNumber, resolveLocalDateTime, resolveSlot } from './index.js';

const NY = 'America/New_York';

const slot = (startDate: string, timeZone: string, dayOffset: number, localTime: string) => {
  const r = resolveSlot({ startDate, timeZone, dayOffset, localTime });
  return { utc: r.utc, localDate: r.localDate, localTime: r.localTime, offsetMinutes: r.offsetMinutes, adjustment: r.adjustment };
};

describe('resolveSlot: America/New_York across the 2026-03-08 spring-forward', () => {
  it('keeps 19:30 local on days 0..3 (calendar days, not 24h multiples)', () => {
    expect([0, 1, 2, 3].map((d) => slot('2026-03-06', NY, d, '19:30'))).toEqual([
      { utc: '2026-03-07T00:30:00.000Z', localDate: '2026-03-06', localTime: '19:30', offsetMinutes: -300, adjustment: 'NONE' },
      { utc: '2026-03-08T00:30:00.000Z', localDate: '2026-03-07', localTime: '19:30', offsetMinutes: -300, adjustment: 'NONE' },
      { utc: '2026-03-08T23:30:00.000Z', localDate: '2026-03-08', localTime: '19:30', offsetMinutes: -240, adjustment: 'NONE' },
      { utc: '2026-03-09T23:30:00.000Z', localDate: '2026-03-09', localTime: '19:30', offsetMinutes: -240, adjustment: 'NONE' },
    ]);
  });

  it('returns a Date equal to the utc string', () => {
    const r = resolveSlot({ startDate: '2026-03-06', timeZone: NY, dayOffset: 2, localTime: '19:30' });
    expect(r.instant).toBeInstanceOf(Date);
    expect(r.instant.toISOString()).toBe('2026-03-08T23:30:00.000Z');
  });

  it('moves a time in the 02:00-03:00 gap forward to 03:00 EDT (Luxon alone would give 03:30)', () => {
    expect(slot('2026-03-06', NY, 2, '02:30')).toEqual({
      utc: '2026-03-08T07:00:00.000Z',
      localDate: '2026-03-08',
      localTime: '03:00',
      offsetMinutes: -240,
      adjustment: 'SHIFTED_FORWARD',
    });
    expect(slot('2026-03-08', NY, 0, '02:00')).toMatchObject({ utc: '2026-03-08T07:00:00.000Z', localTime: '03:00', adjustment: 'SHIFTED_FORWARD' });
    expect(slot('2026-03-08', NY, 0, '02:59')).toMatchObject({ utc: '2026-03-08T07:00:00.000Z', localTime: '03:00', adjustment: 'SHIFTED_FORWARD' });
  });

  it('leaves the minutes around the gap untouched', () => {
    expect(slot('2026-03-08', NY, 0, '01:59')).toEqual({
      utc: '2026-03-08T06:59:00.000Z',
      localDate: '2026-03-08',
      localTime: '01:59',
      offsetMinutes: -300,
      adjustment: 'NONE',
    });
    expect(slot('2026-03-08', NY, 0, '03:00')).toEqual({
      utc: '2026-03-08T07:00:00.000Z',
      localDate: '2026-03-08',
      localTime: '03:00',
      offsetMinutes: -240,
      adjustment: 'NONE',
    });
  });

  it('handles 00:00 and 23:59 on the transition day', () => {
    expect(slot('2026-03-08', NY, 0, '00:00')).toMatchObject({ utc: '2026-03-08T05:00:00.000Z', offsetMinutes: -300, adjustment: 'NONE' });
    expect(slot('2026-03-08', NY, 0, '23:59')).toMatchObject({
      utc: '2026-03-09T03:59:00.000Z',
      localDate: '2026-03-08',
      offsetMinutes: -240,
      adjustment: 'NONE',
    });
  });

  it('supports negative day offsets (warm-up days)', () => {
    expect(slot('2026-03-09', NY, -2, '19:30')).toMatchObject({ utc: '2026-03-08T00:30:00.000Z', localDate: '2026-03-07', offsetMinutes: -300 });
    expect(slot('2026-03-09', NY, -1, '02:30')).toMatchObject({ utc: '2026-03-08T07:00:00.000Z', localTime: '03:00', adjustment: 'SHIFTED_FORWARD' });
    expect(slot('2026-03-02', NY, -10, '08:00')).toMatchObject({ utc: '2026-02-20T13:00:00.000Z', localDate: '2026-02-20' });
  });
});

describe('resolveSlot: America/New_York fall-back on 2026-11-01', () => {
  it('takes the earlier instant (EDT) for the ambiguous 01:30 (Luxon alone would give 06:30Z)', () => {
    expect(slot('2026-10-30', NY, 2, '01:30')).toEqual({
      utc: '2026-11-01T05:30:00.000Z',
      localDate: '2026-11-01',
      localTime: '01:30',
      offsetMinutes: -240,
      adjustment: 'AMBIGUOUS_EARLIER',
    });
  });
  it('detects the whole repeated hour 01:00-01:59 and nothing else', () => {
    expect(slot('2026-11-01', NY, 0, '00:59')).toMatchObject({ utc: '2026-11-01T04:59:00.000Z', offsetMinutes: -240, adjustment: 'NONE' });
    expect(slot('2026-11-01', NY, 0, '01:00')).toMatchObject({ utc: '2026-11-01T05:00:00.000Z', offsetMinutes: -240, adjustment: 'AMBIGUOUS_EARLIER' });
    expect(slot('2026-11-01', NY, 0, '01:59')).toMatchObject({ utc: '2026-11-01T05:59:00.000Z', offsetMinutes: -240, adjustment: 'AMBIGUOUS_EARLIER' });
    expect(slot('2026-11-01', NY, 0, '02:00')).toMatchObject({ utc: '2026-11-01T07:00:00.000Z', offsetMinutes: -300, adjustment: 'NONE' });
    expect(slot('2026-11-01', NY, 0, '19:30')).toMatchObject({ utc: '2026-11-02T00:30:00.000Z', offsetMinutes: -300, adjustment: 'NONE' });
  });
});

describe('resolveSlot: Europe/London (2026-03-29 / 2026-10-25)', () => {
  const LONDON = 'Europe/London';
  it('spring-forward gap 01:00-02:00', () => {
    expect(slot('2026-03-29', LONDON, 0, '00:59')).toMatchObject({ utc: '2026-03-29T00:59:00.000Z', offsetMinutes: 0, adjustment: 'NONE' });
    expect(slot('2026-03-29', LONDON, 0, '01:30')).toEqual({
      utc: '2026-03-29T01:00:00.000Z',
      localDate: '2026-03-29',
      localTime: '02:00',
      offsetMinutes: 60,
      adjustment: 'SHIFTED_FORWARD',
    });
    expect(slot('2026-03-29', LONDON, 0, '09:00')).toMatchObject({ utc: '2026-03-29T08:00:00.000Z', offsetMinutes: 60, adjustment: 'NONE' });
    expect(slot('2026-03-29', LONDON, -1, '09:00')).toMatchObject({ utc: '2026-03-28T09:00:00.000Z', offsetMinutes: 0, adjustment: 'NONE' });
  });
  it('fall-back overlap 01:00-02:00 takes BST', () => {
    expect(slot('2026-10-25', LONDON, 0, '01:30')).toEqual({
      utc: '2026-10-25T00:30:00.000Z',
      localDate: '2026-10-25',
      localTime: '01:30',
      offsetMinutes: 60,
      adjustment: 'AMBIGUOUS_EARLIER',
    });
    expect(slot('2026-10-25', LONDON, 0, '02:00')).toMatchObject({ utc: '2026-10-25T02:00:00.000Z', offsetMinutes: 0, adjustment: 'NONE' });
  });
});

describe('resolveSlot: other zones', () => {
  it('Asia/Shanghai (no DST): fixed +08:00, 00:00 and 23:59, negative days', () => {
    expect(slot('2026-11-23', 'Asia/Shanghai', 0, '09:00')).toEqual({
      utc: '2026-11-23T01:00:00.000Z',
      localDate: '2026-11-23',
      localTime: '09:00',
      offsetMinutes: 480,
      adjustment: 'NONE',
    });
    expect(slot('2026-11-23', 'Asia/Shanghai', 0, '00:00')).toMatchObject({ utc: '2026-11-22T16:00:00.000Z', localDate: '2026-11-23' });
    expect(slot('2026-11-23', 'Asia/Shanghai', -1, '23:59')).toMatchObject({ utc: '2026-11-22T15:59:00.000Z', localDate: '2026-11-22' });
    expect(slot('2026-03-06', 'Asia/Shanghai', 2, '19:30')).toMatchObject({ utc: '2026-03-08T11:30:00.000Z', adjustment: 'NONE' });
  });

  it('UTC', () => {
    expect(slot('2026-12-31', 'UTC', 1, '23:59')).toEqual({
      utc: '2027-01-01T23:59:00.000Z',
      localDate: '2027-01-01',
      localTime: '23:59',
      offsetMinutes: 0,
      adjustment: 'NONE',
    });
  });

  it('Australia/Lord_Howe (30-minute DST shift)', () => {
    // 2026-10-04 02:00 (+10:30) → 02:30 (+11:00): 02:15 does not exist.
    expect(slot('2026-10-04', 'Australia/Lord_Howe', 0, '02:15')).toEqual({
      utc: '2026-10-03T15:30:00.000Z',
      localDate: '2026-10-04',
      localTime: '02:30',
      offsetMinutes: 660,
      adjustment: 'SHIFTED_FORWARD',
    });
    expect(slot('2026-10-04', 'Australia/Lord_Howe', 0, '01:59')).toMatchObject({ utc: '2026-10-03T15:29:00.000Z', offsetMinutes: 630, adjustment: 'NONE' });
    // 2026-04-05 02:00 (+11:00) → 01:30 (+10:30): 01:30-01:59 happens twice.
    expect(slot('2026-04-05', 'Australia/Lord_Howe', 0, '01:45')).toEqual({
      utc: '2026-04-04T14:45:00.000Z',
      localDate: '2026-04-05',
      localTime: '01:45',
      offsetMinutes: 660,
      adjustment: 'AMBIGUOUS_EARLIER',
    });
    expect(slot('2026-04-05', 'Australia/Lord_Howe', 0, '01:29')).toMatchObject({ utc: '2026-04-04T14:29:00.000Z', offsetMinutes: 660, adjustment: 'NONE' });
    expect(slot('2026-04-05', 'Australia/Lord_Howe', 0, '02:00')).toMatchObject({ utc: '2026-04-04T15:30:00.000Z', offsetMinutes: 630, adjustment: 'NONE' });
  });

  it('America/Havana: the midnight gap moves 00:30 to 01:00', () => {
    expect(slot('2026-03-08', 'America/Havana', 0, '00:30')).toEqual({
      utc: '2026-03-08T05:00:00.000Z',
      localDate: '2026-03-08',
      localTime: '01:00',
      offsetMinutes: -240,
      adjustment: 'SHIFTED_FORWARD',
    });
  });

  it('Pacific/Apia skipped 2011-12-30 entirely: moves to the next existing day', () => {
    expect(slot('2011-12-29', 'Pacific/Apia', 1, '12:00')).toEqual({
      utc: '2011-12-30T10:00:00.000Z',
      localDate: '2011-12-31',
      localTime: '00:00',
      offsetMinutes: 840,
      adjustment: 'SHIFTED_FORWARD',
    });
  });
});

describe('resolveSlot: invalid input', () => {
  const base = { startDate: '2026-03-06', timeZone: NY, dayOffset: 0, localTime: '19:30' };
  it.each([
    [{ timeZone: 'Mars/Base' }, /Invalid time zone "Mars\/Base"/],
    [{ timeZone: '' }, /Invalid time zone ""/],
    [{ startDate: '2026-02-30' }, /Invalid date "2026-02-30"/],
    [{ startDate: '06/03/2026' }, /Invalid date/],
    [{ localTime: '24:00' }, /Invalid local time "24:00"/],
    [{ localTime: '7:30' }, /Invalid local time/],
    [{ dayOffset: 1.5 }, /dayOffset must be an integer/],
    [{ dayOffset: Number.NaN }, /dayOffset must be an integer/],
    [{ dayOffset: 10_000_000 }, /out of range/],
  ])('rejects %j', (patch, message) => {
    expect(() => resolveSlot({ ...base, ...patch })).toThrow(message);
  });
});

describe('campDayDate / resolveLocalDateTime', () => {
  it('adds calendar days', () => {
    expect(campDayDate('2026-02-27', 2)).toBe('2026-03-01');
    expect(campDayDate('2026-01-01', -1)).toBe('2025-12-31');
  });
  it('resolves a local date-time directly', () => {
    expect(resolveLocalDateTime({ date: '2026-03-08', localTime: '02:30', timeZone: NY }).utc).toBe('2026-03-08T07:00:00.000Z');
    expect(resolveLocalDateTime({ date: '2026-11-01', localTime: '01:30', timeZone: NY }).utc).toBe('2026-11-01T05:30:00.000Z');
  });
});

describe('localDayNumber', () => {
  const cohort = { startDate: '2026-03-06', timeZone: NY };
  it.each([
    ['2026-03-06T04:59:00.000Z', -1],
    ['2026-03-06T05:00:00.000Z', 0],
    ['2026-03-07T04:59:59.999Z', 0],
    ['2026-03-07T05:00:00.000Z', 1],
    ['2026-03-08T04:59:00.000Z', 1],
    ['2026-03-08T05:00:00.000Z', 2],
    ['2026-03-09T03:59:00.000Z', 2],
    ['2026-03-09T04:00:00.000Z', 3],
    ['2026-02-24T12:00:00.000Z', -10],
  ])('%s is day %i', (iso, day) => {
    expect(localDayNumber(cohort, new Date(iso))).toBe(day);
  });
  it('uses the cohort zone (Shanghai is ahead of UTC)', () => {
    expect(localDayNumber({ startDate: '2026-11-23', timeZone: 'Asia/Shanghai' }, new Date('2026-11-22T16:00:00.000Z'))).toBe(0);
    expect(localDayNumber({ startDate: '2026-11-23', timeZone: 'Asia/Shanghai' }, new Date('2026-11-22T15:59:59.999Z'))).toBe(-1);
  });
  it('round-trips with resolveSlot', () => {
    for (let d = -3; d <= 40; d++) {
      const { instant } = resolveSlot({ startDate: '2026-03-06', timeZone: NY, dayOffset: d, localTime: '23:59' });
      expect(localDayNumber(cohort, instant)).toBe(d);
    }
  });
  it('rejects invalid dates', () => {
    expect(() => localDayNumber(cohort, new Date('nope'))).toThrow(/instant must be a valid Date/);
  });
});

describe('Luxon defaults differ from our rules (why resolveSlot corrects them)', () => {
  it('gap: Luxon shifts by the gap length; ambiguous: Luxon picks the later offset in New York', async () => {
    const { DateTime } = await import('luxon');
    expect(DateTime.fromObject({ year: 2026, month: 3, day: 8, hour: 2, minute: 30 }, { zone: NY }).toUTC().toISO()).toBe('2026-03-08T07:30:00.000Z');
    expect(DateTime.fromObject({ year: 2026, month: 11, day: 1, hour: 1, minute: 30 }, { zone: NY }).toUTC().toISO()).toBe('2026-11-01T06:30:00.000Z');
    expect(resolveLocalDateTime({ date: '2026-03-08', localTime: '02:30', timeZone: NY }).utc).toBe('2026-03-08T07:00:00.000Z');
    expect(resolveLocalDateTime({ date: '2026-11-01', localTime: '01:30', timeZone: NY }).utc).toBe('2026-11-01T05:30:00.000Z');
  });
});

describe('sweep: invariants at every 15 minutes around each 2026 transition', () => {
  it.each(['America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'America/Havana', 'America/Santiago', 'Asia/Shanghai'])('%s', async (timeZone) => {
    const { DateTime } = await import('luxon');
    const wallOf = (ms: number) => DateTime.fromMillis(ms, { zone: timeZone }).toFormat("yyyy-MM-dd'T'HH:mm");
    const noonOffset = (day: number) => resolveSlot({ startDate: '2026-01-01', timeZone, dayOffset: day, localTime: '12:00' }).offsetMinutes;
    const days = new Set<number>([0, 100, 200]);
    for (let day = 0; day < 365; day++) if (noonOffset(day) !== noonOffset(day + 1)) for (const d of [day - 1, day, day + 1, day + 2]) days.add(d);
    const counts = { NONE: 0, SHIFTED_FORWARD: 0, AMBIGUOUS_EARLIER: 0 };
    const failures: string[] = [];
    for (const day of days) {
      for (let m = 0; m < 24 * 60; m += 15) {
        const localTime = `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
        const r = resolveSlot({ startDate: '2026-01-01', timeZone, dayOffset: day, localTime });
        const requested = `${campDayDate('2026-01-01', day)}T${localTime}`;
        const t = r.instant.getTime();
        const fail = (why: string) => failures.push(`${requested} → ${r.utc} ${r.adjustment}: ${why}`);
        counts[r.adjustment]++;
        if (wallOf(t) !== `${r.localDate}T${r.localTime}`) fail('localDate/localTime do not match the instant');
        if (r.adjustment === 'SHIFTED_FORWARD') {
          // the first valid minute after the gap: the minute before it is still before the requested wall time
          if (!(wallOf(t) > requested && wallOf(t - 60_000) < requested)) fail('not the first minute after the gap');
        } else {
          if (wallOf(t) !== requested) fail('wall time changed');
          // earliest: no instant up to 3h before shows the same wall time; ambiguous exactly when a later one does
          for (let min = 15; min <= 180; min += 15) if (wallOf(t - min * 60_000) === requested) fail('an earlier instant exists');
          const later = [15, 30, 45, 60, 75, 90, 105, 120].some((min) => wallOf(t + min * 60_000) === requested);
          if (later !== (r.adjustment === 'AMBIGUOUS_EARLIER')) fail('ambiguity misdetected');
        }
      }
    }
    expect(failures).toEqual([]);
    if (timeZone === 'Asia/Shanghai') expect(counts.SHIFTED_FORWARD + counts.AMBIGUOUS_EARLIER).toBe(0);
    else expect(counts.SHIFTED_FORWARD > 0 && counts.AMBIGUOUS_EARLIER > 0).toBe(true);
  });
});
