import { describe, expect, it } from '@jest/globals';
import { indexAnswers } from './answers.js';
import { describeCondition, matchesAll, matchesCondition } from './conditions.js';
import type { Answer } from './types.js';

const answers: Answer[] = [
  { questionKey: 'goal', optionKeys: ['promotion'] },
  { questionKey: 'formats', optionKeys: ['webinars', 'mentoring'] },
  { questionKey: 'hours', value: 5 },
  { questionKey: 'hours_text', value: ' 1.5 ' },
  { questionKey: 'ready', value: 'Yes' },
  { questionKey: 'employed', value: false },
  { questionKey: 'skipped', optionKeys: [], value: null },
];
const byKey = indexAnswers(answers);

describe('matchesCondition', () => {
  it('optionKeys match when ANY listed option was chosen', () => {
    expect(matchesCondition({ questionKey: 'goal', optionKeys: ['career_change', 'promotion'] }, byKey)).toBe(true);
    expect(matchesCondition({ questionKey: 'formats', optionKeys: ['mentoring'] }, byKey)).toBe(true);
    expect(matchesCondition({ questionKey: 'formats', optionKeys: ['video_course'] }, byKey)).toBe(false);
  });

  it('min is inclusive and max is exclusive', () => {
    expect(matchesCondition({ questionKey: 'hours', min: 5 }, byKey)).toBe(true);
    expect(matchesCondition({ questionKey: 'hours', max: 5 }, byKey)).toBe(false);
    expect(matchesCondition({ questionKey: 'hours', min: 2, max: 5.01 }, byKey)).toBe(true);
    expect(matchesCondition({ questionKey: 'hours_text', max: 2 }, byKey)).toBe(true); // numeric string
  });

  it('equals reads booleans and yes/no/true/false strings', () => {
    expect(matchesCondition({ questionKey: 'ready', equals: true }, byKey)).toBe(true);
    expect(matchesCondition({ questionKey: 'employed', equals: false }, byKey)).toBe(true);
    expect(matchesCondition({ questionKey: 'employed', equals: true }, byKey)).toBe(false);
  });

  it('missing or blank answers never match, whatever the test', () => {
    expect(matchesCondition({ questionKey: 'absent', optionKeys: ['x'] }, byKey)).toBe(false);
    expect(matchesCondition({ questionKey: 'skipped', equals: false }, byKey)).toBe(false);
    expect(matchesCondition({ questionKey: 'absent', max: 100 }, byKey)).toBe(false);
  });

  it('accepts a plain object as well as a Map', () => {
    const record = Object.fromEntries(answers.map((a) => [a.questionKey, a]));
    expect(matchesCondition({ questionKey: 'goal', optionKeys: ['promotion'] }, record)).toBe(true);
    expect(matchesCondition({ questionKey: 'toString', optionKeys: ['x'] }, record)).toBe(false);
  });

  it('matchesAll needs every condition; describeCondition is readable', () => {
    const both = [
      { questionKey: 'goal', optionKeys: ['promotion'] },
      { questionKey: 'hours', min: 2, max: 10 },
    ];
    expect(matchesAll(both, byKey)).toBe(true);
    expect(matchesAll([...both, { questionKey: 'ready', equals: false }], byKey)).toBe(false);
    expect(both.map(describeCondition)).toEqual(['goal in {promotion}', 'hours in [2, 10)']);
    expect(describeCondition({ questionKey: 'ready', equals: true })).toBe('ready = yes');
    expect(describeCondition({ questionKey: 'hours', max: 2 })).toBe('hours in (-∞, 2)');
  });
});
