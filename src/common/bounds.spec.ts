import { describe, expect, it } from '@jest/globals';
import { BOUNDS, instantProblem, localDateProblem, MAX_MONEY, textProblem } from './bounds.js';
import { argumentProblems } from './graphql/errors.js';
import { checkedNumber } from './money.js';
import { DomainError } from './errors.js';

describe('input bounds', () => {
  it('local dates: the day must exist and lie in 2000..2100', () => {
    expect(localDateProblem('2026-02-28')).toBeNull();
    expect(localDateProblem('2024-02-29')).toBeNull();
    expect(localDateProblem('2000-01-01')).toBeNull();
    expect(localDateProblem('2100-12-31')).toBeNull();
    expect(localDateProblem('2026-02-30')).toBe('2026-02-30 is not a calendar date');
    expect(localDateProblem('2025-02-29')).toBe('2025-02-29 is not a calendar date');
    expect(localDateProblem('1999-12-31')).toBe('must be between 2000-01-01 and 2100-12-31');
    expect(localDateProblem('2101-01-01')).toBe('must be between 2000-01-01 and 2100-12-31');
    expect(localDateProblem('2026-3-1')).toBe('must be a date YYYY-MM-DD');
    expect(localDateProblem(20260301)).toBe('must be a date YYYY-MM-DD');
  });

  it('instants: years 2000..2100, valid dates only', () => {
    expect(instantProblem(new Date('2000-01-01T00:00:00Z'))).toBeNull();
    expect(instantProblem(new Date('2100-12-31T23:59:59.999Z'))).toBeNull();
    expect(instantProblem(new Date('1999-12-31T23:59:59.999Z'))).toBe('must be between 2000-01-01 and 2100-12-31');
    expect(instantProblem(new Date('2101-01-01T00:00:00Z'))).toBe('must be between 2000-01-01 and 2100-12-31');
    expect(instantProblem(new Date('nonsense'))).toBe('must be a valid date and time');
  });

  it('texts: blank and overlong', () => {
    expect(textProblem('ok', 5, true)).toBeNull();
    expect(textProblem(' \t', 5, true)).toBe('must not be blank');
    expect(textProblem('', 5, false)).toBeNull();
    expect(textProblem('123456', 5, false)).toBe('must be at most 5 characters');
  });

  it('money: 10^11 per amount keeps 90,071 maximal amounts exact', () => {
    expect(MAX_MONEY).toBe(1e11);
    expect(Number.isSafeInteger(90_071 * MAX_MONEY)).toBe(true);
    expect(Number.isSafeInteger(90_072 * MAX_MONEY)).toBe(false);
  });

  it('checkedNumber: exact sums pass, sums past 2^53 are a coded error', () => {
    expect(checkedNumber('9007199254740991')).toBe(Number.MAX_SAFE_INTEGER);
    expect(checkedNumber(null)).toBe(0);
    expect(checkedNumber('12.5')).toBe(12.5);
    let err: unknown;
    try {
      checkedNumber('9007199254740993', 'A revenue total');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DomainError);
    expect((err as DomainError).code).toBe('BAD_USER_INPUT');
    expect((err as DomainError).details.reason).toBe('TOTAL_OUT_OF_RANGE');
  });

  it('plain arguments: ids, local dates, reasons and other strings', () => {
    expect(argumentProblems('memberId', '')).toEqual([{ field: 'memberId', message: 'must be an id (UUID)' }]);
    expect(argumentProblems('id', '00000000-0000-4000-8000-000000000000')).toEqual([]);
    expect(argumentProblems('leadIds', ['x'])).toEqual([{ field: 'leadIds.0', message: 'must be an id (UUID)' }]);
    expect(argumentProblems('squadIds', [])).toEqual([{ field: 'squadIds', message: 'must name at least one id' }]);
    expect(argumentProblems('from', '2026-02-30')).toEqual([{ field: 'from', message: '2026-02-30 is not a calendar date' }]);
    expect(argumentProblems('reason', '  ')).toEqual([{ field: 'reason', message: 'must not be blank' }]);
    expect(argumentProblems('note', '')).toEqual([]);
    expect(argumentProblems('note', 'x'.repeat(BOUNDS.argument + 1))).toEqual([{ field: 'note', message: `must be at most ${BOUNDS.argument} characters` }]);
  });
});
