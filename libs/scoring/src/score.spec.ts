import { describe, expect, it } from '@jest/globals';
import { anna, boris, carla, dmitry, intakeSurvey } from './intake-survey.fixture.js';
import { createScorer, ScoringInputError, scoreSubmission } from './score.js';
import type { Answer, QuestionDef, SurveyDefinition } from './types.js';

const weightedByKey = (answers: Answer[]) =>
  Object.fromEntries(scoreSubmission(intakeSurvey(), answers).explanation.contributions.map((c) => [c.questionKey, c.weightedPoints]));

describe('scoreSubmission — intake survey respondents', () => {
  it('Anna: novice career changer with 1.5 h/week → 10, tier D, career_switcher_novice', () => {
    const r = scoreSubmission(intakeSurvey(), anna);
    // 0 + 20 + 2 + 1 + 0 - 5 + 0 = 18, rule -8 → 10
    expect(r.score).toBe(10);
    expect(r.tier).toBe('D');
    expect(r.persona).toBe('career_switcher_novice');
    expect(weightedByKey(anna)).toEqual({
      experience: 0,
      goal: 20,
      level: 2,
      formats: 1,
      budget: 0,
      hours: -5,
      ready: 0,
    });
    expect(r.explanation.caps).toEqual([]);
    expect(r.explanation.rules).toEqual([{ ruleKey: 'no_time_for_career_change', label: 'wants a career change with under 2 h/week', points: -8 }]);
    expect(r.explanation.tierReason).toBe("score 10 is below 20, the lowest threshold (tier 'C'); default tier 'D'");
    expect(r.explanation.personaReason).toBe("personas[0] 'career_switcher_novice' matched: goal in {career_change} and experience in {none, under_1y}");
    expect(r.explanation.total).toBe(10);
  });

  it('Boris: both caps cut, positive rule → 77, tier A; first persona rule in order wins', () => {
    const r = scoreSubmission(intakeSurvey(), boris);
    // background 18 + 10 = 28 → 20; goal 16; formats 5; budget 25 → 15; hours 10; ready 6; rule +5
    expect(r.score).toBe(77);
    expect(r.tier).toBe('A');
    expect(r.explanation.caps).toEqual([
      { group: 'background', before: 28, after: 20, cut: 8, limit: 'maxPoints' },
      { group: 'budget', before: 25, after: 15, cut: 10, limit: 'maxPoints' },
    ]);
    expect(r.explanation.rules).toEqual([{ ruleKey: 'hot_and_funded', label: 'ready now and has a budget', points: 5 }]);
    expect(r.explanation.tierReason).toBe("score 77 >= 70 (tier 'A')");
    // matches both 'advanced' (personas[1]) and 'upskiller' (personas[2]): the first one wins
    expect(r.persona).toBe('advanced');
    expect(r.explanation.personaReason).toBe("personas[1] 'advanced' matched: level in {advanced}");
  });

  it('Boris with the persona rules reordered gets the other persona', () => {
    const def = intakeSurvey();
    def.personas = [def.personas![2], def.personas![1], def.personas![0]];
    expect(scoreSubmission(def, boris).persona).toBe('upskiller');
  });

  it('Carla: fractional weight, cap not hit, string yes → 65.75, tier B, default persona', () => {
    const r = scoreSubmission(intakeSurvey(), carla);
    // 12 + 20 + 6 + 0 + 8.75 + 8 + 6 = 60.75, rule +5 → 65.75
    expect(r.score).toBe(65.75);
    expect(r.tier).toBe('B');
    expect(r.explanation.tierReason).toBe("score 65.75 >= 45 (tier 'B'), below 70 (tier 'A')");
    expect(r.explanation.caps).toEqual([]); // background 18 <= 20 and budget 8.75 <= 15: nothing cut
    expect(r.persona).toBe('explorer');
    expect(r.explanation.personaReason).toBe('default');
    const budget = r.explanation.contributions.find((c) => c.questionKey === 'budget');
    expect(budget).toEqual({
      questionKey: 'budget',
      group: 'budget',
      rawPoints: 7,
      weight: 1.25,
      weightedPoints: 8.75,
      detail: "chose '300–1000' (+7) × 1.25 = +8.75",
    });
  });

  it('Dmitry: skipped optional questions count 0, negative rule → 2, tier D', () => {
    const r = scoreSubmission(intakeSurvey(), dmitry);
    // 0 + 2 + 2 + 3 = 7, rule -5 → 2
    expect(r.score).toBe(2);
    expect(r.tier).toBe('D');
    expect(r.persona).toBe('explorer');
    expect(r.explanation.rules).toEqual([{ ruleKey: 'curious_novice', label: 'curious_novice', points: -5 }]);
    const byKey = Object.fromEntries(r.explanation.contributions.map((c) => [c.questionKey, c]));
    for (const key of ['formats', 'budget', 'ready']) {
      expect(byKey[key].rawPoints).toBe(0);
      expect(byKey[key].weightedPoints).toBe(0);
      expect(byKey[key].detail).toBe('not answered (0)');
    }
    expect(byKey.hours.detail).toBe('answered 3 → band [2, 5) (+3) × 1 = +3');
  });

  it('Eva: only required answers, hours exactly at a band edge (10 → [10, ∞)) → 38, tier C, upskiller', () => {
    const r = scoreSubmission(intakeSurvey(), [
      { questionKey: 'experience', optionKeys: ['under_1y'] },
      { questionKey: 'goal', optionKeys: ['promotion'] },
      { questionKey: 'level', optionKeys: ['intermediate'] },
      { questionKey: 'hours', value: 10 },
    ]);
    // 6 + 16 + 6 + 10
    expect(r.score).toBe(38);
    expect(r.tier).toBe('C');
    expect(r.persona).toBe('upskiller');
  });

  it('explains every scored question in definition order and leaves FREE_TEXT out', () => {
    const r = scoreSubmission(intakeSurvey(), boris);
    expect(r.explanation.contributions.map((c) => c.questionKey)).toEqual(['experience', 'goal', 'level', 'formats', 'budget', 'hours', 'ready']);
    expect(r.explanation.contributions.map((c) => c.detail)).toEqual([
      "chose 'over 3 years' (+12) × 1.5 = +18",
      "chose 'promotion' (+8) × 2 = +16",
      "chose 'advanced' (+10) × 1 = +10",
      "chose 'video course' (+4), 'mentoring' (+6) = +10 × 0.5 = +5",
      "chose 'employer pays' (+20) × 1.25 = +25",
      'answered 12 → band [10, ∞) (+10) × 1 = +10',
      'answered yes (+6) × 1 = +6',
    ]);
    expect(scoreSubmission(intakeSurvey(), anna).explanation.contributions[5].detail).toBe('answered 1.5 → band (-∞, 2) (-5) × 1 = -5');
  });

  it('is deterministic and does not mutate its inputs', () => {
    const def = intakeSurvey();
    const answers = structuredClone(boris);
    const first = scoreSubmission(def, answers);
    expect(scoreSubmission(def, answers)).toEqual(first);
    expect(def).toEqual(intakeSurvey());
    expect(answers).toEqual(boris);
  });
});

/** Builds a small valid definition around the given questions. */
function mini(questions: QuestionDef[], extra: Partial<SurveyDefinition> = {}): SurveyDefinition {
  return { questions, tiers: [{ tier: 'HIGH', minScore: 1 }], defaultTier: 'LOW', defaultPersona: 'anyone', ...extra };
}

describe('scoreSubmission — exact arithmetic', () => {
  const def = mini([
    {
      key: 'third',
      type: 'SINGLE_CHOICE',
      required: false,
      weight: 0.333,
      options: [
        { key: 'up', points: 1.5 },
        { key: 'down', points: -1.5 },
      ],
    },
    { key: 'edge', type: 'SINGLE_CHOICE', required: false, options: [{ key: 'x', points: 1.005 }] },
    {
      key: 'multi',
      type: 'MULTIPLE_CHOICE',
      required: false,
      weight: 3,
      options: [
        { key: 'a', points: 0.1 },
        { key: 'b', points: 0.2 },
      ],
    },
    { key: 'tiny1', type: 'YES_NO', required: false, weight: 0.005, yesPoints: 1 },
    { key: 'tiny2', type: 'YES_NO', required: false, weight: 0.005, yesPoints: 1 },
  ]);

  it('rounds each weighted contribution half away from zero to 2 decimals, then sums exactly', () => {
    const r = scoreSubmission(def, [
      { questionKey: 'third', optionKeys: ['up'] },
      { questionKey: 'edge', optionKeys: ['x'] },
      { questionKey: 'multi', optionKeys: ['a', 'b'] },
      { questionKey: 'tiny1', value: true },
      { questionKey: 'tiny2', value: 'YES' },
    ]);
    expect(r.explanation.contributions.map((c) => [c.rawPoints, c.weightedPoints])).toEqual([
      [1.5, 0.5], // 0.4995 → 0.50 (half away from zero)
      [1.005, 1.01], // naive Math.round(1.005 * 100) / 100 gives 1
      [0.3, 0.9], // 0.1 + 0.2 summed exactly, not 0.30000000000000004
      [1, 0.01], // 0.005 → 0.01 …
      [1, 0.01], // … rounded per contribution, so the two add up to 0.02
    ]);
    expect(Math.round(1.005 * 100) / 100).toBe(1); // the float trap the decimal maths avoids
    expect(r.score).toBe(2.43);
    expect(r.tier).toBe('HIGH');
  });

  it('rounds negative halves away from zero too', () => {
    const r = scoreSubmission(def, [
      { questionKey: 'third', optionKeys: ['down'] },
      { questionKey: 'multi', optionKeys: ['a'] },
    ]);
    expect(r.explanation.contributions[0].weightedPoints).toBe(-0.5); // -0.4995 → -0.50
    expect(r.explanation.contributions[2].detail).toBe("chose 'a' (+0.1) × 3 = +0.3");
    expect(r.score).toBe(-0.2);
    expect(r.tier).toBe('LOW');
  });

  it('MULTIPLE_CHOICE sums the chosen options before weighting', () => {
    const r = scoreSubmission(intakeSurvey(), [
      ...anna.filter((a) => a.questionKey !== 'formats'),
      {
        questionKey: 'formats',
        optionKeys: ['webinars', 'video_course', 'mentoring', 'none'],
      },
    ]);
    const formats = r.explanation.contributions.find((c) => c.questionKey === 'formats')!;
    expect([formats.rawPoints, formats.weightedPoints]).toEqual([12, 6]);
    expect(r.score).toBe(15); // Anna's 10 − 1 + 6
  });
});

describe('scoreSubmission — caps', () => {
  const risk = (): SurveyDefinition =>
    mini(
      [
        { key: 'r1', type: 'YES_NO', required: true, group: 'risk', yesPoints: 1, noPoints: -6 },
        { key: 'r2', type: 'YES_NO', required: true, group: 'risk', yesPoints: 1, noPoints: -6 },
      ],
      { groupCaps: [{ group: 'risk', maxPoints: 1.5, minPoints: -8 }] },
    );

  it('a minPoints floor raises the group sum (negative cut)', () => {
    const r = scoreSubmission(risk(), [
      { questionKey: 'r1', value: 'no' },
      { questionKey: 'r2', value: 'false' },
    ]);
    expect(r.explanation.caps).toEqual([{ group: 'risk', before: -12, after: -8, cut: -4, limit: 'minPoints' }]);
    expect(r.score).toBe(-8); // not clamped at zero
  });

  it('a maxPoints cap cuts; a sum inside the limits is not listed', () => {
    const yes = scoreSubmission(risk(), [
      { questionKey: 'r1', value: 'Yes' },
      { questionKey: 'r2', value: true },
    ]);
    expect(yes.explanation.caps).toEqual([{ group: 'risk', before: 2, after: 1.5, cut: 0.5, limit: 'maxPoints' }]);
    expect(yes.score).toBe(1.5);
    const mixed = scoreSubmission(risk(), [
      { questionKey: 'r1', value: true },
      { questionKey: 'r2', value: false },
    ]);
    expect(mixed.explanation.caps).toEqual([]);
    expect(mixed.score).toBe(-5);
  });
});

describe('scoreSubmission — tier boundaries', () => {
  const def = mini(
    [
      {
        key: 'q',
        type: 'SINGLE_CHOICE',
        required: true,
        options: [70, 69.99, 45, 44.99, 20, 19.99, -5].map((points) => ({ key: String(points), points })),
      },
    ],
    {
      tiers: [
        { tier: 'C', minScore: 20 },
        { tier: 'A', minScore: 70 },
        { tier: 'B', minScore: 45 },
      ],
      defaultTier: 'D',
    },
  );
  const tierOf = (points: number) => scoreSubmission(def, [{ questionKey: 'q', optionKeys: [String(points)] }]).tier;

  it.each([
    [70, 'A'],
    [69.99, 'B'],
    [45, 'B'],
    [44.99, 'C'],
    [20, 'C'],
    [19.99, 'D'],
    [-5, 'D'],
  ])('score %p → tier %s (thresholds are inclusive, tiers may be listed in any order)', (points, tier) => {
    expect(tierOf(points)).toBe(tier);
  });
});

describe('scoreSubmission — rejects invalid input', () => {
  it('throws ScoringInputError listing the answer issues', () => {
    let error: unknown;
    try {
      scoreSubmission(intakeSurvey(), [{ questionKey: 'goal', optionKeys: ['career_change'] }]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ScoringInputError);
    const err = error as ScoringInputError;
    expect(err.answerIssues.map((i) => i.questionKey)).toEqual(['experience', 'level', 'hours']);
    expect(err.message).toBe(
      "invalid answers: experience: required question 'experience' has no answer; level: required question 'level' has no answer; hours: required question 'hours' has no answer",
    );
  });

  it('throws on an invalid definition before looking at answers', () => {
    const def = intakeSurvey();
    def.defaultTier = '';
    expect(() => scoreSubmission(def, anna)).toThrow(
      "invalid survey definition: defaultTier: defaultTier is empty; name the tier for scores below every threshold (e.g. 'D')",
    );
  });
});

describe('createScorer — one definition, many submissions', () => {
  it('gives exactly what scoreSubmission gives, however often the same answers repeat', () => {
    const scorer = createScorer(intakeSurvey());
    const people = [anna, boris, carla, dmitry];
    for (let round = 0; round < 3; round++) {
      for (const answers of people) {
        expect(scorer.score(answers)).toEqual(scoreSubmission(intakeSurvey(), answers));
        expect(scorer.scoreValid(answers)).toEqual(scoreSubmission(intakeSurvey(), answers));
      }
    }
    // The same number written two ways scores the same.
    const hours = (value: string | number) => anna.map((a) => (a.questionKey === 'hours' ? { ...a, value } : a));
    expect(scorer.score(hours(' 1.5 '))).toEqual(scorer.score(hours(1.5)));
  });

  it('returns fresh explanation objects: changing one result leaves the next untouched', () => {
    const scorer = createScorer(intakeSurvey());
    const first = scorer.score(boris);
    first.explanation.contributions[0].detail = 'changed';
    first.explanation.contributions.pop();
    expect(scorer.score(boris)).toEqual(scoreSubmission(intakeSurvey(), boris));
  });

  it('rejects an invalid definition when created, and invalid answers when scoring', () => {
    const def = intakeSurvey();
    def.defaultTier = '';
    expect(() => createScorer(def)).toThrow(ScoringInputError);
    const scorer = createScorer(intakeSurvey());
    expect(() => scorer.score([{ questionKey: 'goal', optionKeys: ['career_change'] }])).toThrow(
      "invalid answers: experience: required question 'experience' has no answer; level: required question 'level' has no answer; hours: required question 'hours' has no answer",
    );
  });
});
