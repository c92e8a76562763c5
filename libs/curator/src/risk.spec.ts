import { describe, expect, it } from '@jest/globals';
import {
  addDays,
  clubStatus,
  behindProgress,
  daysBetween,
  evaluateRisk,
  expectedLessons,
  installmentOverdue,
  localDay,
  noStudy,
  npsDetractor,
  resolveRules,
  savedRate,
  validateRules,
  type StudentFacts,
} from './risk.js';

const facts = (over: Partial<StudentFacts> = {}): StudentFacts => ({
  startDate: '2026-11-01',
  endDate: '2026-12-11', // 40 days
  lastStudyDay: null,
  lessonsCompleted: 0,
  lessonsTotal: 0,
  npsAnswers: [],
  unpaidDueDates: [],
  ...over,
});

describe('dates', () => {
  it('adds and counts calendar days across month ends and DST', () => {
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(daysBetween('2026-03-07', '2026-03-09')).toBe(2);
    expect(daysBetween('2026-11-05', '2026-11-01')).toBe(-4);
  });
  it('takes the local day in the time zone', () => {
    expect(localDay(new Date('2026-11-01T03:30:00Z'), 'America/New_York')).toBe('2026-10-31');
    expect(localDay(new Date('2026-11-01T03:30:00Z'), 'Asia/Shanghai')).toBe('2026-11-01');
    expect(() => localDay(new Date(), 'Mars/Base')).toThrow(RangeError);
  });
});

describe('noStudy', () => {
  it('counts whole local days from the day after the last study day to yesterday', () => {
    expect(noStudy(facts({ lastStudyDay: '2026-11-12' }), '2026-11-20', 7)).toEqual({
      code: 'NO_STUDY',
      since: '2026-11-13',
      detail: 'no study day for 7 days (last 2026-11-12)',
    });
    expect(noStudy(facts({ lastStudyDay: '2026-11-13' }), '2026-11-20', 7)).toBeNull();
    expect(noStudy(facts({ lastStudyDay: '2026-11-20' }), '2026-11-20', 1)).toBeNull();
    expect(noStudy(facts({ lastStudyDay: '2026-11-19' }), '2026-11-20', 1)).toBeNull();
    expect(noStudy(facts({ lastStudyDay: '2026-11-18' }), '2026-11-20', 1)?.since).toBe('2026-11-19');
  });
  it('counts from the start date when the student never studied, and never before the start', () => {
    expect(noStudy(facts(), '2026-11-08', 7)).toEqual({ code: 'NO_STUDY', since: '2026-11-01', detail: 'no study day since the start (7 days)' });
    expect(noStudy(facts(), '2026-11-07', 7)).toBeNull();
    expect(noStudy(facts(), '2026-10-20', 1)).toBeNull();
  });
  it('a study day after today (clock skew) never makes a student idle', () => {
    expect(noStudy(facts({ lastStudyDay: '2026-11-25' }), '2026-11-20', 1)).toBeNull();
  });
  it('uses calendar days in the organization time zone across the autumn DST change', () => {
    // Study at 23:30 EDT on 31 October (03:30Z on 1 November); clocks go back on 1 November.
    const last = localDay(new Date('2026-11-01T03:30:00Z'), 'America/New_York');
    expect(last).toBe('2026-10-31');
    const f = facts({ startDate: '2026-10-01', lastStudyDay: last });
    // 23:30 EST on 7 November: idle days 1–6 November = 6.
    expect(noStudy(f, localDay(new Date('2026-11-08T04:30:00Z'), 'America/New_York'), 7)).toBeNull();
    // Midnight EST on 8 November: 1–7 November = 7 → at risk since 1 November.
    expect(noStudy(f, localDay(new Date('2026-11-08T05:00:00Z'), 'America/New_York'), 7)?.since).toBe('2026-11-01');
  });
  it('uses calendar days across the spring DST change (a 23-hour day counts as one day)', () => {
    const f = facts({ startDate: '2026-03-01', endDate: '2026-04-30', lastStudyDay: '2026-03-07' });
    // 8 March 2026 has 23 hours in New York; 00:00 EDT on 10 March = 04:00Z.
    expect(noStudy(f, localDay(new Date('2026-03-10T03:59:00Z'), 'America/New_York'), 2)).toBeNull();
    expect(noStudy(f, localDay(new Date('2026-03-10T04:00:00Z'), 'America/New_York'), 2)?.since).toBe('2026-03-08');
  });
});

describe('expected progress line', () => {
  it('is floor(total × day / course days), clamped to the course', () => {
    expect(expectedLessons(10, '2026-11-01', '2026-12-11', '2026-11-21')).toBe(5);
    expect(expectedLessons(10, '2026-11-01', '2026-12-11', '2026-11-05')).toBe(1);
    expect(expectedLessons(10, '2026-11-01', '2026-12-11', '2026-10-01')).toBe(0);
    expect(expectedLessons(10, '2026-11-01', '2026-12-11', '2027-01-01')).toBe(10);
    expect(expectedLessons(0, '2026-11-01', '2026-12-11', '2026-11-21')).toBe(0);
  });
  it('flags a student more than the lag behind, since the day the line passed them', () => {
    // 40-day course, 10 lessons, 2 done, lag 20: behind when 2/10 < d/40 − 0.2 → d > 16 → since day 17.
    const f = facts({ lessonsCompleted: 2, lessonsTotal: 10 });
    expect(behindProgress(f, '2026-11-17', 20)).toBeNull(); // day 16: exactly on the lag line
    expect(behindProgress(f, '2026-11-18', 20)).toEqual({
      code: 'BEHIND_PROGRESS',
      since: '2026-11-18',
      detail: '2 of 10 lessons; expected 4 by day 17 of 40',
    });
    expect(behindProgress(f, '2026-12-30', 20)?.since).toBe('2026-11-18');
  });
  it('never flags an unknown lesson count or a student ahead of the lag', () => {
    expect(behindProgress(facts({ lessonsCompleted: 0, lessonsTotal: 0 }), '2026-12-30', 20)).toBeNull();
    expect(behindProgress(facts({ lessonsCompleted: 8, lessonsTotal: 10 }), '2026-12-30', 20)).toBeNull();
    expect(behindProgress(facts({ lessonsCompleted: 7, lessonsTotal: 10 }), '2026-12-30', 20)?.since).toBe('2026-12-08'); // 7/10 < d/40 − 0.2 → d ≥ 37
  });
});

describe('NPS detractor and overdue installments', () => {
  it('uses the newest answer; a tie on the instant takes the lowest score', () => {
    const at = (s: string) => new Date(s);
    expect(npsDetractor([], 'UTC')).toBeNull();
    expect(npsDetractor([{ score: 6, answeredAt: at('2026-11-10T10:00:00Z') }], 'UTC')).toEqual({
      code: 'NPS_DETRACTOR',
      since: '2026-11-10',
      detail: 'NPS 6',
    });
    expect(
      npsDetractor(
        [
          { score: 3, answeredAt: at('2026-11-10T10:00:00Z') },
          { score: 7, answeredAt: at('2026-11-12T10:00:00Z') },
        ],
        'UTC',
      ),
    ).toBeNull();
    expect(
      npsDetractor(
        [
          { score: 9, answeredAt: at('2026-11-12T10:00:00Z') },
          { score: 2, answeredAt: at('2026-11-12T10:00:00Z') },
        ],
        'Asia/Shanghai',
      ),
    ).toEqual({ code: 'NPS_DETRACTOR', since: '2026-11-12', detail: 'NPS 2' });
  });
  it('is overdue from the day after the oldest unpaid due date before today', () => {
    expect(installmentOverdue([], '2026-11-20')).toBeNull();
    expect(installmentOverdue(['2026-11-20'], '2026-11-20')).toBeNull();
    expect(installmentOverdue(['2026-11-19', '2026-10-19', '2026-12-19'], '2026-11-20')).toEqual({
      code: 'INSTALLMENT_OVERDUE',
      since: '2026-10-20',
      detail: '2 installments overdue (due 2026-10-19)',
    });
  });
});

describe('evaluateRisk', () => {
  it('lists every reason oldest first, ties in code order', () => {
    const reasons = evaluateRisk(
      facts({
        lastStudyDay: '2026-11-17',
        lessonsCompleted: 2,
        lessonsTotal: 10,
        npsAnswers: [{ score: 4, answeredAt: new Date('2026-11-18T12:00:00Z') }],
        unpaidDueDates: ['2026-11-17'],
      }),
      { inactivityDays: 3, progressLagPct: 20 },
      new Date('2026-11-25T12:00:00Z'),
      'UTC',
    );
    expect(reasons.map((r) => [r.code, r.since])).toEqual([
      ['NO_STUDY', '2026-11-18'],
      ['BEHIND_PROGRESS', '2026-11-18'],
      ['NPS_DETRACTOR', '2026-11-18'],
      ['INSTALLMENT_OVERDUE', '2026-11-18'],
    ]);
  });
  it('is empty for a student on track', () => {
    expect(evaluateRisk(facts({ lastStudyDay: '2026-11-04' }), resolveRules(null, null), new Date('2026-11-05T00:00:00Z'), 'UTC')).toEqual([]);
  });
});

describe('rules', () => {
  it('a course value wins over the organization value, which wins over the default', () => {
    expect(resolveRules(null, null)).toEqual({ inactivityDays: 7, progressLagPct: 20 });
    expect(resolveRules({ inactivityDays: 5 }, null)).toEqual({ inactivityDays: 5, progressLagPct: 20 });
    expect(resolveRules({ inactivityDays: 5, progressLagPct: 30 }, { inactivityDays: 3 })).toEqual({ inactivityDays: 3, progressLagPct: 30 });
  });
  it('validates ranges', () => {
    expect(validateRules({ inactivityDays: 1, progressLagPct: 100 })).toEqual([]);
    expect(validateRules({ inactivityDays: 0, progressLagPct: 12.5 }).map((i) => i.field)).toEqual(['inactivityDays', 'progressLagPct']);
    expect(validateRules({ inactivityDays: 91 })).toHaveLength(1);
  });
});

describe('savedRate', () => {
  const t0 = new Date('2026-11-10T10:00:00Z');
  const plus = (h: number) => new Date(t0.getTime() + h * 3600_000);
  it('is zero over zero for no interventions', () => {
    expect(savedRate([], [])).toEqual({ numerator: 0, denominator: 0 });
    expect(savedRate([], [{ studentId: 'a', at: t0 }])).toEqual({ numerator: 0, denominator: 0 });
  });
  it('counts at-risk students with a study event in (t, t + 7 days]', () => {
    const interventions = [
      { studentId: 'a', at: t0, atRisk: true },
      { studentId: 'b', at: t0, atRisk: true },
      { studentId: 'c', at: t0, atRisk: true },
      { studentId: 'd', at: t0, atRisk: false }, // not at risk: not counted
      { studentId: 'a', at: plus(1), atRisk: true }, // the same student twice counts once
    ];
    const study = [
      { studentId: 'a', at: plus(7 * 24) }, // exactly 7 days after the first: saved
      { studentId: 'b', at: t0 }, // the same instant: not after
      { studentId: 'b', at: plus(7 * 24 + 1) }, // 7 days and 1 hour: too late
      { studentId: 'd', at: plus(1) },
    ];
    expect(savedRate(interventions, study)).toEqual({ numerator: 1, denominator: 3 });
  });
});

describe('clubStatus', () => {
  const now = new Date('2026-11-20T12:00:00Z');
  it('is LAPSED at and after the expiry, EXPIRING within 30 days, else ACTIVE', () => {
    expect(clubStatus(new Date('2026-11-20T12:00:00Z'), now)).toBe('LAPSED');
    expect(clubStatus(new Date('2026-11-20T12:00:01Z'), now)).toBe('EXPIRING');
    expect(clubStatus(new Date('2026-12-20T12:00:00Z'), now)).toBe('EXPIRING');
    expect(clubStatus(new Date('2026-12-20T12:00:01Z'), now)).toBe('ACTIVE');
    expect(clubStatus(new Date('2026-11-27T12:00:00Z'), now, 7)).toBe('EXPIRING');
  });
});
