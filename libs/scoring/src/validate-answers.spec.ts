import { describe, expect, it } from '@jest/globals';
import { anna, boris, carla, dmitry, intakeSurvey } from './intake-survey.fixture.js';
import type { Answer } from './types.js';
import { validateAnswers } from './validate-answers.js';

/** Anna's answers with one answer replaced (or added). */
function annaWith(answer: Answer): Answer[] {
  return [...anna.filter((a) => a.questionKey !== answer.questionKey), answer];
}
const check = (answers: Answer[]) => validateAnswers(intakeSurvey(), answers);

describe('validateAnswers', () => {
  it('accepts every fixture respondent', () => {
    for (const answers of [anna, boris, carla, dmitry]) expect(check(answers)).toEqual([]);
  });

  it('rejects unknown question keys', () => {
    expect(check([...anna, { questionKey: 'age', value: 30 }])).toEqual([
      { questionKey: 'age', message: "unknown question 'age'; this survey has no such question" },
    ]);
  });

  it('rejects a second answer to the same question', () => {
    expect(check([...anna, { questionKey: 'goal', optionKeys: ['promotion'] }])).toEqual([
      { questionKey: 'goal', message: "question 'goal' is answered more than once; send one answer per question" },
    ]);
  });

  it('reports missing required answers; blank answers count as missing', () => {
    const answers: Answer[] = [
      { questionKey: 'experience', optionKeys: [] },
      { questionKey: 'goal', optionKeys: ['promotion'] },
      { questionKey: 'hours', value: '' },
    ];
    expect(check(answers)).toEqual([
      { questionKey: 'experience', message: "required question 'experience' has no answer" },
      { questionKey: 'level', message: "required question 'level' has no answer" },
      { questionKey: 'hours', message: "required question 'hours' has no answer" },
    ]);
  });

  it('accepts blank or absent answers to optional questions', () => {
    expect(
      check([
        ...anna.filter((a) => ['experience', 'goal', 'level', 'hours'].includes(a.questionKey)),
        { questionKey: 'formats', optionKeys: [] },
        { questionKey: 'ready', value: null },
        { questionKey: 'comment', value: '' },
      ]),
    ).toEqual([]);
  });

  describe('choice questions', () => {
    it('rejects unknown option keys', () => {
      expect(check(annaWith({ questionKey: 'formats', optionKeys: ['webinars', 'podcasts'] }))).toEqual([
        {
          questionKey: 'formats',
          message: "unknown option 'podcasts' for question 'formats'; options are: webinars, video_course, mentoring, none",
        },
      ]);
    });

    it('rejects more than one option for SINGLE_CHOICE', () => {
      expect(check(annaWith({ questionKey: 'goal', optionKeys: ['promotion', 'freelance'] }))).toEqual([
        {
          questionKey: 'goal',
          message: "question 'goal' takes a single option but 2 were chosen (promotion, freelance)",
        },
      ]);
    });

    it('rejects the same option chosen twice and a value instead of optionKeys', () => {
      expect(check(annaWith({ questionKey: 'formats', optionKeys: ['webinars', 'webinars'] }))).toEqual([
        { questionKey: 'formats', message: "option 'webinars' is chosen more than once" },
      ]);
      expect(check(annaWith({ questionKey: 'goal', value: 'promotion' }))).toEqual([
        { questionKey: 'goal', message: 'SINGLE_CHOICE answers use optionKeys, not value (got "promotion")' },
      ]);
    });
  });

  describe('NUMBER questions', () => {
    it.each([[Number.NaN], [Number.POSITIVE_INFINITY], ['many'], [true]])('rejects %p', (value) => {
      expect(check(annaWith({ questionKey: 'hours', value }))).toEqual([
        { questionKey: 'hours', message: `question 'hours' needs a finite number, got ${typeof value === 'string' ? `"${value}"` : String(value)}` },
      ]);
    });

    it('accepts numeric strings', () => {
      expect(check(annaWith({ questionKey: 'hours', value: ' 7.5 ' }))).toEqual([]);
    });

    it('rejects a number that falls in no band and lists the bands', () => {
      const def = intakeSurvey();
      def.questions[5].bands![0] = { min: 0, max: 2, points: -5 };
      expect(validateAnswers(def, annaWith({ questionKey: 'hours', value: -1 }))).toEqual([
        { questionKey: 'hours', message: "-1 falls in no band of question 'hours' (bands: [0, 2), [2, 5), [5, 10), [10, ∞))" },
      ]);
    });

    it('rejects optionKeys on a NUMBER question', () => {
      expect(check(annaWith({ questionKey: 'hours', optionKeys: ['few'] }))).toEqual([
        { questionKey: 'hours', message: 'NUMBER answers use value, not optionKeys (got few)' },
      ]);
    });
  });

  describe('YES_NO questions', () => {
    it.each([[true], [false], ['yes'], ['No'], [' TRUE '], ['false']])('accepts %p', (value) => {
      expect(check(annaWith({ questionKey: 'ready', value }))).toEqual([]);
    });

    it.each([['y'], [1], ['maybe']])('rejects %p', (value) => {
      expect(check(annaWith({ questionKey: 'ready', value }))).toEqual([
        {
          questionKey: 'ready',
          message: `question 'ready' needs yes/no (true, false, 'yes', 'no', 'true' or 'false'), got ${typeof value === 'string' ? `"${value}"` : String(value)}`,
        },
      ]);
    });
  });

  describe('FREE_TEXT questions', () => {
    it('accepts 2000 characters (code points) and rejects 2001', () => {
      expect(check(annaWith({ questionKey: 'comment', value: '😀'.repeat(2000) }))).toEqual([]);
      expect(check(annaWith({ questionKey: 'comment', value: 'x'.repeat(2001) }))).toEqual([
        { questionKey: 'comment', message: "answer to 'comment' is 2001 characters long; the limit is 2000" },
      ]);
    });

    it('rejects non-text values', () => {
      expect(check(annaWith({ questionKey: 'comment', value: 42 }))).toEqual([{ questionKey: 'comment', message: "question 'comment' needs text, got 42" }]);
    });
  });
});
