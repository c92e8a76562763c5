import { describe, expect, it } from '@jest/globals';
import { maxAchievableScore, minAchievableScore } from './bounds.js';
import { intakeSurvey } from './intake-survey.fixture.js';
import type { QuestionDef, SurveyDefinition } from './types.js';

const one = (q: QuestionDef, extra: Partial<SurveyDefinition> = {}): SurveyDefinition => ({
  questions: [q],
  tiers: [],
  defaultTier: 'D',
  defaultPersona: 'p',
  ...extra,
});

describe('maxAchievableScore / minAchievableScore', () => {
  it('intake survey: best answers with caps and positive rules → 82; worst with negative rules → -14', () => {
    // max: background min(18 + 10, 20) + goal 20 + formats 6 + budget min(25, 15) + hours 10 + ready 6 + rule 5
    expect(maxAchievableScore(intakeSurvey())).toBe(82);
    // min: background 0 + 2, goal 2, hours -5, rules -8 - 5; optional questions can be skipped (0)
    expect(minAchievableScore(intakeSurvey())).toBe(-14);
  });

  it('MULTIPLE_CHOICE: all positive options for the max, all negative ones for the min', () => {
    const q: QuestionDef = {
      key: 'm',
      type: 'MULTIPLE_CHOICE',
      required: true,
      weight: 0.5,
      options: [
        { key: 'a', points: 3 },
        { key: 'b', points: 5 },
        { key: 'c', points: -4 },
      ],
    };
    expect(maxAchievableScore(one(q))).toBe(4);
    expect(minAchievableScore(one(q))).toBe(-2);
  });

  it('a required question must pick something; an optional one can score 0', () => {
    const negative: QuestionDef = {
      key: 'm',
      type: 'MULTIPLE_CHOICE',
      required: true,
      options: [
        { key: 'a', points: -3 },
        { key: 'b', points: -1 },
      ],
    };
    expect(maxAchievableScore(one(negative))).toBe(-1);
    expect(maxAchievableScore(one({ ...negative, required: false }))).toBe(0);
    const band: QuestionDef = { key: 'n', type: 'NUMBER', required: true, bands: [{ min: 0, points: 4 }] };
    expect(minAchievableScore(one(band))).toBe(4);
    expect(minAchievableScore(one({ ...band, required: false }))).toBe(0);
  });

  it('applies minPoints floors and counts negative rules for the min', () => {
    const q: QuestionDef = { key: 'y', type: 'YES_NO', required: true, group: 'g', yesPoints: 2, noPoints: -10 };
    const def = one(q, {
      groupCaps: [{ group: 'g', maxPoints: 1, minPoints: -3 }],
      rules: [
        { key: 'r1', when: [{ questionKey: 'y', equals: true }], points: 2.5 },
        { key: 'r2', when: [{ questionKey: 'y', equals: false }], points: -1.25 },
      ],
    });
    expect(maxAchievableScore(def)).toBe(3.5);
    expect(minAchievableScore(def)).toBe(-4.25);
  });
});
