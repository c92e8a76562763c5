import { describe, expect, it } from '@jest/globals';
import { RankingInputError } from './bands.js';
import { applyEligibility, checkEligibility } from './eligibility.js';
import { rankEntities } from './rank.js';

describe('checkEligibility', () => {
  it('below the minimum sample → BELOW_MIN_SAMPLE with a readable message', () => {
    expect(checkEligibility({ denominator: 12 }, { minDenominator: 20 })).toEqual({
      eligible: false,
      reasonCode: 'BELOW_MIN_SAMPLE',
      reason: 'BELOW_MIN_SAMPLE: 12 of 20 leads',
    });
    expect(checkEligibility({ denominator: 3 }, { minDenominator: 10, unit: 'students' }).reason).toBe('BELOW_MIN_SAMPLE: 3 of 10 students');
  });

  it('exactly the minimum is eligible; a missing denominator counts as 0', () => {
    expect(checkEligibility({ denominator: 20 }, { minDenominator: 20 })).toEqual({ eligible: true, reasonCode: null, reason: null });
    expect(checkEligibility({}, { minDenominator: 20 }).reason).toBe('BELOW_MIN_SAMPLE: 0 of 20 leads');
    expect(checkEligibility({}, {})).toEqual({ eligible: true, reasonCode: null, reason: null });
  });

  it('keeps an explicit ineligibility (code = text before the colon)', () => {
    expect(checkEligibility({ eligible: false, unrankedReason: 'ON_LEAVE: parental leave', denominator: 50 }, { minDenominator: 20 })).toEqual({
      eligible: false,
      reasonCode: 'ON_LEAVE',
      reason: 'ON_LEAVE: parental leave',
    });
    expect(checkEligibility({ eligible: false })).toEqual({ eligible: false, reasonCode: 'INELIGIBLE', reason: 'INELIGIBLE' });
  });

  it('rejects a negative or non-finite minimum', () => {
    expect(() => checkEligibility({ denominator: 1 }, { minDenominator: -1 })).toThrow(RankingInputError);
    expect(() => applyEligibility([], { minDenominator: Number.NaN })).toThrow(RankingInputError);
  });
});

describe('applyEligibility', () => {
  it('returns annotated copies ready for rankEntities, without mutating the input', () => {
    const entities = [
      { id: 'a', value: 0.5, numerator: 10, denominator: 20 },
      { id: 'b', value: 0.75, numerator: 9, denominator: 12 },
      { id: 'c', value: 0.4, numerator: 12, denominator: 30 },
    ];
    const before = structuredClone(entities);
    const marked = applyEligibility(entities, { minDenominator: 20 });
    expect(entities).toEqual(before);
    expect(marked.map((e) => [e.id, e.eligible, e.reasonCode, e.unrankedReason])).toEqual([
      ['a', true, null, undefined],
      ['b', false, 'BELOW_MIN_SAMPLE', 'BELOW_MIN_SAMPLE: 12 of 20 leads'],
      ['c', true, null, undefined],
    ]);
    const standings = rankEntities({ entities: marked, direction: 'HIGHER_IS_BETTER' });
    expect(standings.map((s) => [s.id, s.rank, s.band, s.unrankedReason])).toEqual([
      ['a', 1, 'MIDDLE', null],
      ['c', 2, 'MIDDLE', null],
      ['b', null, 'UNRANKED', 'BELOW_MIN_SAMPLE: 12 of 20 leads'],
    ]);
  });
});
