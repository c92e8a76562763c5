import { describe, expect, it } from '@jest/globals';
import * as scoring from '@lib/scoring';
import { anna, intakeSurvey } from './intake-survey.fixture.js';

describe('@lib/scoring public API', () => {
  it('exposes the scoring functions through the path alias', () => {
    expect(scoring.validateDefinition(intakeSurvey())).toEqual([]);
    expect(scoring.validateAnswers(intakeSurvey(), anna)).toEqual([]);
    expect(scoring.scoreSubmission(intakeSurvey(), anna).score).toBe(10);
    expect([scoring.maxAchievableScore(intakeSurvey()), scoring.minAchievableScore(intakeSurvey())]).toEqual([82, -14]);
    expect(scoring.matchesCondition({ questionKey: 'hours', max: 2 }, scoring.indexAnswers(anna))).toBe(true);
    expect(scoring.MAX_FREE_TEXT_LENGTH).toBe(2000);
  });
});
