import { describe, expect, it } from '@jest/globals';
import { alignedPeriodKind, commonAlignedPeriodKind } from './index.js';

describe('alignedPeriodKind', () => {
  it('picks the coarsest kind whose periods tile the range', () => {
    expect(alignedPeriodKind('2026-01-01', '2026-04-01')).toBe('QUARTER');
    expect(alignedPeriodKind('2025-10-01', '2026-04-01')).toBe('QUARTER');
    expect(alignedPeriodKind('2026-11-01', '2026-12-01')).toBe('MONTH');
    expect(alignedPeriodKind('2026-02-01', '2026-04-01')).toBe('MONTH');
    expect(alignedPeriodKind('2026-11-23', '2026-11-30')).toBe('ISO_WEEK');
    expect(alignedPeriodKind('2026-12-28', '2027-01-11')).toBe('ISO_WEEK');
  });
  it('a month that starts on a Monday is read as a month', () => {
    // 2026-06-01 is a Monday; 2026-07-01 is not.
    expect(alignedPeriodKind('2026-06-01', '2026-07-01')).toBe('MONTH');
    expect(alignedPeriodKind('2026-06-01', '2026-06-08')).toBe('ISO_WEEK');
  });
  it('ranges of days and empty ranges have none', () => {
    expect(alignedPeriodKind('2026-11-23', '2026-11-24')).toBeNull();
    expect(alignedPeriodKind('2026-11-01', '2026-11-30')).toBeNull();
    expect(alignedPeriodKind('2026-11-24', '2026-12-01')).toBeNull();
    expect(alignedPeriodKind('2026-11-23', '2026-11-23')).toBeNull();
    expect(alignedPeriodKind('2026-11-30', '2026-11-23')).toBeNull();
  });
});

describe('commonAlignedPeriodKind', () => {
  it('takes the coarsest kind every range is aligned to', () => {
    // A quarter and the month before it: months tile both.
    expect(
      commonAlignedPeriodKind([
        ['2026-10-01', '2027-01-01'],
        ['2026-09-01', '2026-10-01'],
      ]),
    ).toBe('MONTH');
    expect(
      commonAlignedPeriodKind([
        ['2026-10-01', '2027-01-01'],
        ['2026-07-01', '2026-10-01'],
      ]),
    ).toBe('QUARTER');
    expect(
      commonAlignedPeriodKind([
        ['2026-11-23', '2026-11-30'],
        ['2026-11-16', '2026-11-23'],
      ]),
    ).toBe('ISO_WEEK');
  });
  it('a week beside a month, or a day, has none; empty ranges are ignored', () => {
    expect(
      commonAlignedPeriodKind([
        ['2026-11-23', '2026-11-30'],
        ['2026-11-01', '2026-12-01'],
      ]),
    ).toBeNull();
    expect(
      commonAlignedPeriodKind([
        ['2026-11-23', '2026-11-30'],
        ['2026-11-22', '2026-11-23'],
      ]),
    ).toBeNull();
    expect(
      commonAlignedPeriodKind([
        ['2026-11-01', '2026-12-01'],
        ['2026-11-05', '2026-11-05'],
      ]),
    ).toBe('MONTH');
    expect(commonAlignedPeriodKind([])).toBeNull();
  });
});
