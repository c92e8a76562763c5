import { describe, expect, it } from '@jest/globals';
import { intakeSurvey } from './intake-survey.fixture.js';
import type { Condition, QuestionType, SurveyDefinition } from './types.js';
import { validateDefinition } from './validate-definition.js';

/** Issues of the intake survey after one edit. */
function issuesAfter(edit: (def: SurveyDefinition) => void) {
  const def = intakeSurvey();
  edit(def);
  return validateDefinition(def);
}
const paths = (edit: (def: SurveyDefinition) => void) => issuesAfter(edit).map((i) => i.path);
const withRuleCondition = (c: Condition) => (d: SurveyDefinition) => {
  d.rules![0].when[1] = c;
};

describe('validateDefinition', () => {
  it('accepts the intake survey', () => {
    expect(validateDefinition(intakeSurvey())).toEqual([]);
  });

  describe('questions', () => {
    it('rejects an empty question key', () => {
      expect(issuesAfter((d) => (d.questions[3].key = ' '))).toEqual([
        { path: 'questions[3].key', message: 'question key is empty; give every question a unique, non-empty key' },
      ]);
    });

    it('rejects a duplicate question key and names the first use', () => {
      expect(issuesAfter((d) => (d.questions[7].key = 'formats'))).toEqual([
        {
          path: 'questions[7].key',
          message: "duplicate question key 'formats' (already used by questions[3]); question keys must be unique",
        },
      ]);
    });

    it('rejects an unknown question type', () => {
      expect(issuesAfter((d) => (d.questions[7].type = 'ESSAY' as QuestionType))).toEqual([
        {
          path: 'questions[7].type',
          message: "unknown question type 'ESSAY'; expected one of SINGLE_CHOICE, MULTIPLE_CHOICE, NUMBER, YES_NO, FREE_TEXT",
        },
      ]);
    });

    it('rejects duplicate option keys within a question', () => {
      expect(issuesAfter((d) => (d.questions[3].options![2].key = 'webinars'))).toEqual([
        {
          path: 'questions[3].options[2].key',
          message: "duplicate option key 'webinars' (already used by options[0]); option keys must be unique within a question",
        },
      ]);
    });

    it('allows the same option key in different questions', () => {
      // 'none' is used by both experience and formats in the fixture
      expect(validateDefinition(intakeSurvey())).toEqual([]);
    });

    it('rejects a choice question without options', () => {
      expect(issuesAfter((d) => (d.questions[3].options = []))).toEqual([
        { path: 'questions[3].options', message: "MULTIPLE_CHOICE question 'formats' has no options; add at least one option" },
      ]);
      // conditions naming the removed options are reported too
      expect(paths((d) => delete d.questions[4].options)).toEqual([
        'questions[4].options',
        'rules[1].when[1].optionKeys[0]',
        'rules[1].when[1].optionKeys[1]',
        'rules[1].when[1].optionKeys[2]',
      ]);
    });

    it('rejects a NUMBER question without bands', () => {
      expect(issuesAfter((d) => (d.questions[5].bands = []))).toEqual([
        { path: 'questions[5].bands', message: "NUMBER question 'hours' has no bands; add at least one { min, max, points } band" },
      ]);
    });

    it('rejects fields that belong to another question type', () => {
      expect(
        issuesAfter((d) => {
          d.questions[0].bands = [{ min: 0, points: 1 }];
          d.questions[5].yesPoints = 3;
        }),
      ).toEqual([
        { path: 'questions[0].bands', message: "bands are only used by NUMBER questions; remove them from SINGLE_CHOICE question 'experience'" },
        { path: 'questions[5].yesPoints', message: "yesPoints is only used by YES_NO questions; remove it from NUMBER question 'hours'" },
      ]);
    });

    it.each([[-1], [Number.NaN], [Number.POSITIVE_INFINITY]])('rejects weight %p', (weight) => {
      expect(issuesAfter((d) => (d.questions[0].weight = weight))).toEqual([
        { path: 'questions[0].weight', message: `weight ${weight} is invalid; use a finite number from 0 to 1000000 (default 1)` },
      ]);
    });

    it('accepts weight 0 and a missing weight (default 1)', () => {
      expect(issuesAfter((d) => (d.questions[3].weight = 0))).toEqual([]);
      expect(issuesAfter((d) => delete d.questions[3].weight)).toEqual([]);
    });

    it('rejects non-finite points', () => {
      expect(issuesAfter((d) => (d.questions[1].options![3].points = Number.NaN))).toEqual([
        { path: 'questions[1].options[3].points', message: 'points must be a finite number between -1000000 and 1000000, got NaN' },
      ]);
    });
  });

  describe('number magnitudes (issue 14: a survey with weights of 1e308 published and then failed every submission)', () => {
    it('rejects a weight, points or a tier score beyond 1e6 in absolute value', () => {
      expect(issuesAfter((d) => (d.questions[3].weight = 1e308))).toEqual([
        { path: 'questions[3].weight', message: 'weight 1e+308 is invalid; use a finite number from 0 to 1000000 (default 1)' },
      ]);
      expect(issuesAfter((d) => (d.questions[1].options![3].points = -1_000_001))).toEqual([
        { path: 'questions[1].options[3].points', message: 'points must be a finite number between -1000000 and 1000000, got -1000001' },
      ]);
    });

    it('accepts the limit itself', () => {
      expect(issuesAfter((d) => (d.questions[3].weight = 1_000_000))).toEqual([]);
    });
  });

  describe('NUMBER bands', () => {
    it('rejects overlapping bands and names both', () => {
      expect(issuesAfter((d) => (d.questions[5].bands![2] = { min: 4, max: 10, points: 8 }))).toEqual([
        {
          path: 'questions[5].bands[2]',
          message: 'bands[1] [2, 5) and bands[2] [4, 10) overlap on [4, 5); bands are min-inclusive, max-exclusive and must not overlap',
        },
      ]);
    });

    it('detects overlap between open-ended bands and accepts touching ones', () => {
      expect(
        issuesAfter((d) => {
          d.questions[5].bands = [
            { max: 5, points: 1 },
            { min: null, max: 3, points: 2 },
            { min: 5, points: 3 },
          ];
        }),
      ).toEqual([
        {
          path: 'questions[5].bands[1]',
          message: 'bands[0] (-∞, 5) and bands[1] (-∞, 3) overlap on (-∞, 3); bands are min-inclusive, max-exclusive and must not overlap',
        },
      ]);
    });

    it('rejects a band whose min is not below its max', () => {
      expect(issuesAfter((d) => (d.questions[5].bands![1] = { min: 5, max: 2, points: 3 }))).toEqual([
        {
          path: 'questions[5].bands[1]',
          message: 'band min 5 must be less than max 2 (bands are min-inclusive, max-exclusive)',
        },
      ]);
      expect(paths((d) => (d.questions[5].bands![1] = { min: 2, max: 2, points: 3 }))).toEqual(['questions[5].bands[1]']);
    });

    it('allows gaps between bands (a value in a gap is an answer error)', () => {
      expect(issuesAfter((d) => (d.questions[5].bands![1] = { min: 3, max: 5, points: 3 }))).toEqual([]);
    });
  });

  describe('group caps', () => {
    it('rejects a cap naming a group no question has', () => {
      expect(issuesAfter((d) => (d.groupCaps![1].group = 'budgte'))).toEqual([
        {
          path: 'groupCaps[1].group',
          message: "cap names group 'budgte' but no question has that group; known groups: background, budget",
        },
      ]);
    });

    it('rejects two caps for one group', () => {
      expect(issuesAfter((d) => d.groupCaps!.push({ group: 'budget', maxPoints: 10 }))).toEqual([
        {
          path: 'groupCaps[2].group',
          message: "duplicate cap for group 'budget' (already capped by groupCaps[1]); keep one cap per group",
        },
      ]);
    });

    it('rejects minPoints above maxPoints and more than 2 decimals', () => {
      expect(
        issuesAfter((d) => {
          d.groupCaps![0].minPoints = 25;
          d.groupCaps![1].maxPoints = 15.125;
        }),
      ).toEqual([
        { path: 'groupCaps[0]', message: 'minPoints 25 is above maxPoints 20; minPoints must be <= maxPoints' },
        { path: 'groupCaps[1].maxPoints', message: 'maxPoints 15.125 has more than 2 decimals; scores are kept in hundredths' },
      ]);
    });
  });

  describe('rule and persona conditions', () => {
    it('rejects unknown question keys', () => {
      expect(issuesAfter(withRuleCondition({ questionKey: 'hourz', max: 2 }))).toEqual([
        {
          path: 'rules[0].when[1].questionKey',
          message: "unknown question key 'hourz'; known keys: experience, goal, level, formats, budget, hours, ready, comment",
        },
      ]);
    });

    it('rejects unknown option keys', () => {
      expect(issuesAfter((d) => (d.personas![0].when[1].optionKeys = ['none', 'under_2y']))).toEqual([
        {
          path: 'personas[0].when[1].optionKeys[1]',
          message: "question 'experience' has no option 'under_2y'; its options are: none, under_1y, 1_3y, over_3y",
        },
      ]);
    });

    it('rejects conditions of the wrong shape for the question type', () => {
      expect(issuesAfter(withRuleCondition({ questionKey: 'hours', optionKeys: ['few'] }))).toEqual([
        {
          path: 'rules[0].when[1]',
          message: "optionKeys does not apply to NUMBER question 'hours'; use min (inclusive) and/or max (exclusive)",
        },
      ]);
      expect(issuesAfter(withRuleCondition({ questionKey: 'goal', min: 1, equals: true }))).toEqual([
        {
          path: 'rules[0].when[1]',
          message: "min/equals do not apply to SINGLE_CHOICE question 'goal'; use optionKeys (matches when any listed option was chosen)",
        },
      ]);
      expect(issuesAfter(withRuleCondition({ questionKey: 'ready', optionKeys: ['yes'] }))[0].message).toBe(
        "optionKeys does not apply to YES_NO question 'ready'; use equals: true/false",
      );
    });

    it('rejects conditions without a test, with an empty option list or an empty range', () => {
      expect(issuesAfter(withRuleCondition({ questionKey: 'hours' }))).toEqual([
        {
          path: 'rules[0].when[1]',
          message: "condition on NUMBER question 'hours' has no test; use min (inclusive) and/or max (exclusive)",
        },
      ]);
      expect(issuesAfter(withRuleCondition({ questionKey: 'goal', optionKeys: [] }))).toEqual([
        { path: 'rules[0].when[1].optionKeys', message: 'optionKeys is empty; list at least one option key' },
      ]);
      expect(issuesAfter(withRuleCondition({ questionKey: 'hours', min: 5, max: 5 }))).toEqual([
        { path: 'rules[0].when[1]', message: 'min 5 must be less than max 5 (min inclusive, max exclusive)' },
      ]);
    });

    it('rejects conditions on FREE_TEXT questions', () => {
      expect(issuesAfter((d) => d.personas![1].when.push({ questionKey: 'comment', optionKeys: ['x'] }))).toEqual([
        {
          path: 'personas[1].when[1]',
          message: "conditions cannot test FREE_TEXT question 'comment'; free text is stored, never scored or matched",
        },
      ]);
    });

    it('rejects rules and persona rules without conditions', () => {
      expect(
        issuesAfter((d) => {
          d.rules![2].when = [];
          d.personas![2].when = [];
        }),
      ).toEqual([
        {
          path: 'rules[2].when',
          message: 'rule has no conditions (when must be a non-empty array); it would apply to every lead; add conditions or remove the rule',
        },
        {
          path: 'personas[2].when',
          message:
            'persona has no conditions (when must be a non-empty array); it would match every lead and hide later persona rules; use defaultPersona instead',
        },
      ]);
    });

    it('rejects duplicate rule keys and rule points with more than 2 decimals', () => {
      expect(
        issuesAfter((d) => {
          d.rules![1].key = 'no_time_for_career_change';
          d.rules![2].points = -5.001;
        }),
      ).toEqual([
        {
          path: 'rules[1].key',
          message: "duplicate rule key 'no_time_for_career_change' (already used by rules[0]); rule keys must be unique",
        },
        { path: 'rules[2].points', message: 'points -5.001 has more than 2 decimals; scores are kept in hundredths' },
      ]);
    });
  });

  describe('tiers and defaults', () => {
    it('rejects duplicate tier names and duplicate thresholds', () => {
      expect(
        issuesAfter((d) => {
          d.tiers[1].tier = 'A';
          d.tiers[2].minScore = 45;
        }),
      ).toEqual([
        { path: 'tiers[1].tier', message: "duplicate tier name 'A' (already used by tiers[0])" },
        {
          path: 'tiers[2].minScore',
          message: "tiers[1] 'A' and tiers[2] 'C' both have minScore 45; each tier needs its own threshold",
        },
      ]);
    });

    it('rejects a tier above the maximum achievable score (82), but not one exactly at it', () => {
      expect(issuesAfter((d) => (d.tiers[0].minScore = 82.01))).toEqual([
        {
          path: 'tiers[0].minScore',
          message: "tier 'A' needs 82.01 but the maximum achievable score is 82, so it is unreachable; lower minScore or raise points, weights or caps",
        },
      ]);
      expect(issuesAfter((d) => (d.tiers[0].minScore = 82))).toEqual([]);
    });

    it('notices when a cap makes a tier unreachable', () => {
      // background can give 20 at most; lowering it to 5 drops the max from 82 to 67
      expect(paths((d) => (d.groupCaps![0].maxPoints = 5))).toEqual(['tiers[0].minScore']);
    });

    it('rejects a tier at or below the minimum achievable score (-14): lower tiers become unreachable', () => {
      expect(issuesAfter((d) => d.tiers.push({ tier: 'E', minScore: -14 }))).toEqual([
        {
          path: 'tiers[3].minScore',
          message:
            "tier 'E' minScore -14 is at or below the minimum achievable score -14, so every lead reaches it and 'D' (defaultTier) can never be assigned; raise minScore above -14",
        },
      ]);
      expect(issuesAfter((d) => d.tiers.push({ tier: 'E', minScore: -13.99 }))).toEqual([]);
      expect(issuesAfter((d) => (d.tiers[2].minScore = -20))[0].message).toBe(
        "tier 'C' minScore -20 is at or below the minimum achievable score -14, so every lead reaches it and 'D' (defaultTier) can never be assigned; raise minScore above -14",
      );
    });

    it('rejects an empty tier list and more than 2 decimals in a threshold', () => {
      expect(issuesAfter((d) => (d.tiers = []))).toEqual([{ path: 'tiers', message: 'no tiers; add at least one { tier, minScore } threshold' }]);
      expect(issuesAfter((d) => (d.tiers[0].minScore = 69.995))).toEqual([
        { path: 'tiers[0].minScore', message: 'minScore 69.995 has more than 2 decimals; scores are kept in hundredths' },
      ]);
    });

    it('rejects empty defaults and a defaultTier that is also a tier', () => {
      expect(
        issuesAfter((d) => {
          d.defaultTier = '';
          d.defaultPersona = '  ';
        }),
      ).toEqual([
        { path: 'defaultPersona', message: 'defaultPersona is empty; name the persona used when no persona rule matches' },
        { path: 'defaultTier', message: "defaultTier is empty; name the tier for scores below every threshold (e.g. 'D')" },
      ]);
      expect(issuesAfter((d) => (d.defaultTier = 'C'))).toEqual([
        {
          path: 'defaultTier',
          message: "defaultTier 'C' is also the name of tiers[2]; use a distinct name for scores below every threshold",
        },
      ]);
    });
  });

  it('reports malformed JSON shapes instead of throwing', () => {
    expect(validateDefinition({ questions: 'nope' } as unknown as SurveyDefinition)).toEqual([
      { path: 'questions', message: 'questions must be an array' },
      { path: 'defaultPersona', message: 'defaultPersona is empty; name the persona used when no persona rule matches' },
      { path: 'tiers', message: 'tiers is missing; it must be an array' },
      { path: 'defaultTier', message: "defaultTier is empty; name the tier for scores below every threshold (e.g. 'D')" },
    ]);
  });
});
