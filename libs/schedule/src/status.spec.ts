import { describe, expect, it } from '@jest/globals';
import { isOnTime, NO_WINDOW_ON_TIME_MINUTES, onTimeDeadline, slotStatus, windowEnd } from './index.js';

const due = new Date('2026-03-08T23:30:00.000Z');
const at = (iso: string) => new Date(iso);

describe('windowEnd', () => {
  it('adds absolute minutes', () => {
    expect(windowEnd(due, 90)?.toISOString()).toBe('2026-03-09T01:00:00.000Z');
    expect(windowEnd(due, 0)?.toISOString()).toBe('2026-03-08T23:30:00.000Z');
    // across the New York spring-forward: 60 real minutes, not wall-clock minutes
    expect(windowEnd(at('2026-03-08T06:30:00.000Z'), 60)?.toISOString()).toBe('2026-03-08T07:30:00.000Z');
  });
  it('is null without a window', () => {
    expect(windowEnd(due, null)).toBeNull();
    expect(windowEnd(due, undefined)).toBeNull();
  });
  it('rejects bad windows and dates', () => {
    expect(() => windowEnd(due, -1)).toThrow(/windowMinutes must be a non-negative integer/);
    expect(() => windowEnd(due, 1.5)).toThrow(/windowMinutes must be a non-negative integer/);
    expect(() => windowEnd(due, Number.NaN)).toThrow(/windowMinutes/);
    expect(() => windowEnd(new Date(Number.NaN), 5)).toThrow(/instant must be a valid Date/);
  });
});

describe('isOnTime', () => {
  it('with a window: completed no later than the window end (inclusive)', () => {
    expect(isOnTime(due, 90, at('2026-03-09T01:00:00.000Z'))).toBe(true);
    expect(isOnTime(due, 90, at('2026-03-09T01:00:00.001Z'))).toBe(false);
    expect(isOnTime(due, 90, at('2026-03-08T20:00:00.000Z'))).toBe(true); // early counts
  });
  it('without a window: completed no later than due + 24h', () => {
    expect(NO_WINDOW_ON_TIME_MINUTES).toBe(1440);
    expect(onTimeDeadline(due, null).toISOString()).toBe('2026-03-09T23:30:00.000Z');
    expect(isOnTime(due, null, at('2026-03-09T23:30:00.000Z'))).toBe(true);
    expect(isOnTime(due, null, at('2026-03-09T23:30:00.001Z'))).toBe(false);
  });
  it('not completed → false', () => {
    expect(isOnTime(due, 90, null)).toBe(false);
    expect(isOnTime(due, null, undefined)).toBe(false);
  });
});

describe('slotStatus', () => {
  const base = { due, windowMinutes: 90 };
  it('PENDING before the window ends (inclusive), MISSED strictly after', () => {
    expect(slotStatus({ ...base, now: at('2026-03-08T12:00:00.000Z') })).toBe('PENDING');
    expect(slotStatus({ ...base, now: at('2026-03-09T01:00:00.000Z') })).toBe('PENDING');
    expect(slotStatus({ ...base, now: at('2026-03-09T01:00:00.001Z') })).toBe('MISSED');
  });
  it('DONE whenever completed (even late or also skipped), SKIPPED otherwise', () => {
    expect(slotStatus({ ...base, completedAt: at('2026-03-09T05:00:00.000Z'), now: at('2026-03-10T00:00:00.000Z') })).toBe('DONE');
    expect(slotStatus({ ...base, completedAt: at('2026-03-08T23:40:00.000Z'), skipped: true, now: at('2026-03-10T00:00:00.000Z') })).toBe('DONE');
    expect(slotStatus({ ...base, skipped: true, now: at('2026-03-10T00:00:00.000Z') })).toBe('SKIPPED');
    expect(slotStatus({ ...base, skipped: false, completedAt: null, now: at('2026-03-10T00:00:00.000Z') })).toBe('MISSED');
  });
  it('a step without a window is never MISSED', () => {
    expect(slotStatus({ due, windowMinutes: null, now: at('2027-01-01T00:00:00.000Z') })).toBe('PENDING');
  });
  it('rejects an invalid now', () => {
    expect(() => slotStatus({ ...base, now: new Date('x') })).toThrow(/now must be a valid Date/);
  });
});
